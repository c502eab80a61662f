#include <sesame/translations.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QPointer>
#include <QtCore/QTranslator>

#include <array>

namespace sesame {
namespace {

// qt_add_translations embeds <catalog>_<lang>.qm under :/i18n: the SDK's own
// texts, and those of Sesame.Controls when the application links it.
constexpr std::array kCatalogs{"sesame_sdk", "sesame_controls"};

}  // namespace

bool loadTranslations(const QLocale& locale) {
    static std::array<QPointer<QTranslator>, kCatalogs.size()> installed;
    bool sdkLoaded = false;
    for (std::size_t i = 0; i < kCatalogs.size(); ++i) {
        if (installed[i]) {
            QCoreApplication::removeTranslator(installed[i]);
            delete installed[i];
        }
        auto* translator = new QTranslator(QCoreApplication::instance());
        if (!translator->load(locale, QString::fromLatin1(kCatalogs[i]), QStringLiteral("_"),
                              QStringLiteral(":/i18n"))) {
            delete translator;
            continue;
        }
        QCoreApplication::installTranslator(translator);
        installed[i] = translator;
        sdkLoaded = sdkLoaded || i == 0;
    }
    return sdkLoaded;
}

}  // namespace sesame
