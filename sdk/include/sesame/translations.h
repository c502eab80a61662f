#pragma once
// The SDK's user-facing texts (errorText) in the application's language.

#include <sesame/sdk_export.h>

#include <QtCore/QLocale>

namespace sesame {

// Installs the SDK's translation for `locale` (English and Russian ship with
// it), and that of Sesame.Controls when the application links it, replacing
// those installed before. Returns false when the SDK has none for that
// language; texts then stay English.
SESAME_SDK_EXPORT bool loadTranslations(const QLocale& locale);

}  // namespace sesame
