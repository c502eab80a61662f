#include <sesame/phone_input.h>

#include <sesame/contract/phone.h>
#include <sesame/contract/phone_formatter.h>

#include <QtCore/QLocale>

namespace sesame {
namespace {

int digitsIn(QStringView text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }));
}

}  // namespace

PhoneInput::PhoneInput(QObject* parent) : QObject(parent), region_(systemRegion()) {}

QString PhoneInput::systemRegion() {
    return QString::fromStdString(contract::regionForLocale(QLocale::system().name().toStdString()));
}

void PhoneInput::setRegion(const QString& region) {
    const QString canonical = QString::fromStdString(contract::canonicalRegion(region.toStdString()));
    if (canonical != region_) {
        region_ = canonical;
        Q_EMIT regionChanged();
        // The same digits may now be a different (or no) number.
        update(text_, digitsIn(QStringView{text_}.left(cursorPosition_)));
    }
}

void PhoneInput::resetRegion() { setRegion(systemRegion()); }

void PhoneInput::edit(const QString& typed, int cursorPosition) {
    const int caret = std::clamp(cursorPosition, 0, static_cast<int>(typed.size()));
    update(typed, digitsIn(QStringView{typed}.left(caret)));
}

void PhoneInput::clear() { update({}, 0); }

void PhoneInput::update(const QString& typed, int digitsBeforeCursor) {
    const contract::PhoneFormatter formatter(region_.toStdString());
    const std::string formatted = formatter.format(typed.toStdString());
    const auto normalized = contract::normalizePhone(formatted, region_.toStdString());
    text_ = QString::fromStdString(formatted);
    cursorPosition_ = contract::PhoneFormatter::caretAfterDigits(formatted, digitsBeforeCursor);
    e164_ = normalized ? QString::fromStdString(*normalized) : QString{};
    Q_EMIT textChanged();
}

}  // namespace sesame
