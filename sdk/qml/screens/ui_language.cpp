#include "ui_language.h"

#include <sesame/translations.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QLocale>
#include <QtCore/QPointer>
#include <QtCore/QSettings>
#include <QtCore/QTranslator>
#include <QtQml/QQmlEngine>

#include <algorithm>
#include <array>

namespace sesame::screens {
namespace {

struct Language {
    const char* code;
    const char* name;  // UTF-8, in the language itself
};
constexpr std::array kLanguages{Language{"en", "English"}, Language{"ru", "Русский"}};
constexpr auto kSettingsKey = "language";

// One set of translators per process: QCoreApplication holds them globally too.
struct Installed {
    QString language = QStringLiteral("en");
    QStringList catalogs;
    QList<QPointer<QTranslator>> translators;  // die with QCoreApplication
};

Installed& installed() {
    static Installed state;
    return state;
}

bool isSupported(const QString& language) {
    return std::any_of(kLanguages.cbegin(), kLanguages.cend(),
                       [&](const Language& l) { return language == QLatin1String(l.code); });
}

}  // namespace

UiLanguage::UiLanguage(QObject* parent) : QObject(parent) {}

QString UiLanguage::current() const { return installed().language; }

void UiLanguage::setCurrent(const QString& language) {
    if (language == current() || !isSupported(language)) {
        return;
    }
    install(language, installed().catalogs);
    QSettings().setValue(QLatin1String(kSettingsKey), language);
    if (QQmlEngine* engine = qmlEngine(this)) {
        engine->retranslate();
    }
    Q_EMIT currentChanged();
}

QVariantList UiLanguage::available() const {
    QVariantList list;
    for (const Language& language : kLanguages) {
        list.append(QVariantMap{{QStringLiteral("code"), QString::fromLatin1(language.code)},
                                {QStringLiteral("name"), QString::fromUtf8(language.name)}});
    }
    return list;
}

QString UiLanguage::install(const QString& language, const QStringList& catalogs) {
    Installed& state = installed();
    state.language = isSupported(language) ? language : QStringLiteral("en");
    state.catalogs = catalogs;
    const QLocale locale(state.language);
    // The default locale also names the language of the code messages the server sends.
    QLocale::setDefault(locale);
    sesame::loadTranslations(locale);
    for (const QPointer<QTranslator>& translator : std::as_const(state.translators)) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    state.translators.clear();
    for (const QString& catalog : catalogs) {
        auto* translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, catalog, QStringLiteral("_"), QStringLiteral(":/i18n"))) {
            QCoreApplication::installTranslator(translator);
            state.translators.append(translator);
        } else {
            delete translator;
        }
    }
    return state.language;
}

QString UiLanguage::preferred() {
    const QString saved = QSettings().value(QLatin1String(kSettingsKey)).toString();
    if (isSupported(saved)) {
        return saved;
    }
    for (const QString& tag : QLocale::system().uiLanguages()) {
        const QString language = tag.section(u'-', 0, 0).toLower();
        if (isSupported(language)) {
            return language;
        }
    }
    return QStringLiteral("en");
}

}  // namespace sesame::screens
