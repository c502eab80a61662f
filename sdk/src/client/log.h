#pragma once
// The SDK's log category. Log lines never carry tokens or codes, and phones
// only masked (contract::maskPhone).

#include <QtCore/QLoggingCategory>

namespace sesame {

Q_DECLARE_LOGGING_CATEGORY(lcClient)

}  // namespace sesame
