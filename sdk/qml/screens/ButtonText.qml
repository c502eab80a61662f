import QtQuick
import QtQuick.Controls
import QtQuick.Templates as T
import Sesame.Screens

// A button's text that wraps instead of being cut off (large text, long
// translations), in the colours the style gives button text.
Label {
    required property T.Button button

    text: button.text
    font: button.font
    wrapMode: Text.Wrap
    horizontalAlignment: Text.AlignHCenter
    verticalAlignment: Text.AlignVCenter
    color: !button.enabled ? button.palette.disabled.buttonText
         : button.highlighted && !button.flat && ScreenKit.highlightedButtonText.a > 0 ? ScreenKit.highlightedButtonText
         : button.palette.buttonText
}
