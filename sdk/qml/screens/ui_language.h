#pragma once
// sesame::screens::UiLanguage: the language of every text an app shows (the
// SDK's, Sesame.Controls', Sesame.Screens' and the app's own), English or
// Russian. The system locale chooses at start; the user can switch, and the
// switch is remembered.

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QVariantList>
#include <QtQml/qqmlregistration.h>

namespace sesame::screens {

class UiLanguage : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // "en" or "ru".
    Q_PROPERTY(QString current READ current WRITE setCurrent NOTIFY currentChanged)
    // [{"code": "en", "name": "English"}, ...], names in their own language.
    Q_PROPERTY(QVariantList available READ available CONSTANT)

public:
    explicit UiLanguage(QObject* parent = nullptr);

    QString current() const;
    // Installs `language` (see install), retranslates the QML engine and saves the choice.
    void setCurrent(const QString& language);
    QVariantList available() const;

    // Installs the translations of `language` (anything unsupported: English)
    // for the SDK and for `catalogs` (e.g. {"sesame_screens", "sesame_desktop"},
    // embedded as :/i18n/<catalog>_<language>.qm), and makes it the default
    // QLocale. Returns the language installed. Call it after QGuiApplication exists.
    static QString install(const QString& language, const QStringList& catalogs);
    // The saved choice, else the first supported language of the system, else "en".
    static QString preferred();

Q_SIGNALS:
    void currentChanged();
};

}  // namespace sesame::screens
