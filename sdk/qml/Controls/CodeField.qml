import QtQuick

// A one-time code: one box per digit. Typing, or pasting the whole code (also
// inside a message like "Your code: 123 456"), fills the boxes; `completed`
// fires once every box is full, so the code can be submitted at once.
FocusScope {
    id: root

    property int length: 6
    readonly property alias code: input.text

    signal completed(string code)

    function clear() {
        input.text = ""
    }

    implicitWidth: boxes.implicitWidth
    implicitHeight: boxes.implicitHeight
    activeFocusOnTab: true
    Accessible.role: Accessible.EditableText
    Accessible.name: qsTr("Code")

    SystemPalette {
        id: palette
    }

    QtObject {
        id: internal
        property bool wasComplete: false
    }

    // Invisible: takes the keys and pastes, the boxes below show the digits.
    TextInput {
        id: input
        objectName: "codeInput"
        focus: true
        anchors.fill: parent
        opacity: 0
        cursorVisible: false
        maximumLength: 64  // room for a pasted message; trimmed to digits below
        inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        onTextChanged: {
            const digits = text.replace(/[^0-9]/g, "").slice(0, root.length)
            if (digits !== text) {
                text = digits
                return
            }
            // Once per completion: trimming an extra digit away is no new code.
            const complete = text.length === root.length
            if (complete && !internal.wasComplete)
                root.completed(text)
            internal.wasComplete = complete
        }
    }

    Row {
        id: boxes
        spacing: 8

        Repeater {
            // One entry per box; rebuilt per keystroke, which is cheap for a few boxes.
            model: Array.from({ length: root.length }, (_, i) => ({
                digit: root.code.charAt(i),
                current: root.activeFocus && i === Math.min(root.code.length, root.length - 1)
            }))

            Rectangle {
                required property var modelData

                width: 40
                height: 48
                radius: 6
                color: palette.base
                border.width: modelData.current ? 2 : 1
                border.color: modelData.current ? palette.highlight : palette.mid

                Text {
                    anchors.centerIn: parent
                    text: parent.modelData.digit
                    font.pixelSize: 22
                    color: palette.text
                }
            }
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: root.forceActiveFocus()
    }
}
