import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame.Screens

// A check box whose sentence wraps (a CheckBox's own text is cut off when
// the text is large); tapping the sentence toggles it too.
RowLayout {
    id: root

    property alias checked: box.checked
    property string text

    spacing: 4

    CheckBox {
        id: box
        Accessible.name: root.text
        Layout.alignment: Qt.AlignTop
        Layout.minimumHeight: ScreenKit.touchTarget
    }

    Label {
        text: root.text
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignVCenter

        TapHandler {
            onTapped: box.toggle()
        }
    }
}
