import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame.Screens

// A ComboBox on a screen: tall enough for its text at any text size (some
// styles size it by their background alone) and for a touch target.
ComboBox {
    id: control

    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             Math.ceil(textMetrics.height) + 8 + topPadding + bottomPadding,
                             ScreenKit.touchTarget)
    Layout.fillWidth: true

    FontMetrics {
        id: textMetrics
        font: control.font
    }
}
