// thisApp() of one login app, from the definitions sesame_add_app() sets.
#include "app_launcher.h"

namespace sesame::screens {

const AppSpec& thisApp() {
    static const AppSpec spec{QStringLiteral(SESAME_APP_TITLE), QStringLiteral(SESAME_APP_STYLE),
                              QUrl(QStringLiteral("qrc:/" SESAME_APP_URI "/Main.qml")),
                              {QStringLiteral("sesame_screens"), QStringLiteral(SESAME_APP_CATALOG)}};
    return spec;
}

}  // namespace sesame::screens
