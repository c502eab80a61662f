import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame

// A phone number: the region (ISO 3166, default the system locale's) and the
// number, formatted as it is typed. `e164` is set once the number can get a code.
RowLayout {
    id: root

    property alias region: input.region
    property alias text: number.text
    property alias placeholderText: number.placeholderText
    readonly property alias e164: input.e164
    readonly property alias acceptable: input.acceptable

    // Enter was pressed on an acceptable number.
    signal accepted()

    function clear() {
        input.clear()
        number.text = ""
    }

    spacing: 8

    PhoneInput {
        id: input
    }

    TextField {
        id: regionField
        objectName: "regionField"
        text: input.region
        maximumLength: 2
        Layout.preferredWidth: 56
        horizontalAlignment: TextInput.AlignHCenter
        inputMethodHints: Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
        Accessible.name: qsTr("Country or region code")
        onEditingFinished: {
            input.region = text
            text = Qt.binding(() => input.region)
        }
    }

    TextField {
        id: number
        objectName: "numberField"
        Layout.fillWidth: true
        placeholderText: qsTr("Phone number")
        inputMethodHints: Qt.ImhDialableCharactersOnly | Qt.ImhNoPredictiveText
        Accessible.name: qsTr("Phone number")
        onTextEdited: {
            input.edit(text, cursorPosition)
            text = input.text
            cursorPosition = input.cursorPosition
        }
        onAccepted: {
            if (input.acceptable)
                root.accepted()
        }
    }
}
