#include "display_text.h"

#include <sesame/contract/phone.h>
#include <sesame/error.h>
#include <sesame/phone_input.h>

#include <QtCore/QMetaEnum>

namespace sesame::screens {

DisplayText::DisplayText(QObject* parent) : QObject(parent) {}

QString DisplayText::maskedPhone(const QString& e164) const {
    return QString::fromStdString(contract::maskPhone(e164.toStdString()));
}

QString DisplayText::phone(const QString& e164) const {
    PhoneInput input;
    input.edit(e164, static_cast<int>(e164.size()));
    return input.text();
}

QString DisplayText::error(int error) const {
    const QMetaEnum errors = QMetaEnum::fromType<Error>();
    if (error == static_cast<int>(Error::None) || errors.valueToKey(error) == nullptr) {
        return {};
    }
    return errorText(static_cast<Error>(error));
}

}  // namespace sesame::screens
