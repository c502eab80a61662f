#pragma once
// sesame::PhoneInput: as-you-type formatting and validation of a phone text
// field, for QML (PhoneInput) and widgets alike. The default region is the
// system locale's, so national numbers work without a country picker.
//
//     TextField {
//         PhoneInput { id: phone }
//         onTextEdited: { phone.edit(text, cursorPosition); text = phone.text; cursorPosition = phone.cursorPosition }
//     }

#include <sesame/sdk_export.h>

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtQml/qqmlregistration.h>

namespace sesame {

class SESAME_SDK_EXPORT PhoneInput : public QObject {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString region READ region WRITE setRegion RESET resetRegion NOTIFY regionChanged)
    Q_PROPERTY(QString text READ text NOTIFY textChanged)
    Q_PROPERTY(int cursorPosition READ cursorPosition NOTIFY textChanged)
    Q_PROPERTY(QString e164 READ e164 NOTIFY textChanged)
    Q_PROPERTY(bool acceptable READ isAcceptable NOTIFY textChanged)

public:
    explicit PhoneInput(QObject* parent = nullptr);

    // ISO 3166 alpha-2 region for national input ("KZ"); unknown regions read
    // as "" (then only "+..." input formats). Default: the system locale's.
    QString region() const { return region_; }
    void setRegion(const QString& region);
    void resetRegion();

    // The formatted field text, and where its caret belongs.
    QString text() const { return text_; }
    int cursorPosition() const { return cursorPosition_; }
    // The number in E.164 once it can receive a code, else "".
    QString e164() const { return e164_; }
    bool isAcceptable() const { return !e164_.isEmpty(); }

    // The region of the system locale, or "" when it names none.
    static QString systemRegion();

public Q_SLOTS:
    // Takes the field's text after an edit and the caret in it; text and
    // cursorPosition then hold the re-formatted text and the caret after the
    // same digit.
    void edit(const QString& typed, int cursorPosition);
    void clear();

Q_SIGNALS:
    void regionChanged();
    void textChanged();

private:
    void update(const QString& typed, int digitsBeforeCursor);

    QString region_;
    QString text_;
    QString e164_;
    int cursorPosition_ = 0;
};

}  // namespace sesame
