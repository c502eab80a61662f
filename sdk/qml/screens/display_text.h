#pragma once
// sesame::screens::DisplayText: how values look on a screen. Phones masked
// or formatted, and the SDK's sentence for an error in the current language.

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtQml/qqmlregistration.h>

namespace sesame::screens {

class DisplayText : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit DisplayText(QObject* parent = nullptr);

    // "+77001234567" -> "+7700***4567": enough for the owner to recognise
    // their number on a screen others may see.
    Q_INVOKABLE QString maskedPhone(const QString& e164) const;
    // "+77001234567" -> "+7 700 123 4567", as PhoneInput formats it.
    Q_INVOKABLE QString phone(const QString& e164) const;
    // The SDK's sentence for a SesameError value ("" for None or no such value).
    Q_INVOKABLE QString error(int error) const;
};

}  // namespace sesame::screens
