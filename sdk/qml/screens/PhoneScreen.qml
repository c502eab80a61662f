import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Controls
import Sesame.Screens

// The phone number (region and formatted number) and where the code should go.
ScreenBase {
    id: root

    readonly property bool busy: auth.status === AuthClient.RequestingCode
    readonly property bool canSend: phoneField.acceptable && !busy && limit.secondsLeft === 0

    function submit() {
        if (canSend)
            auth.requestCode(phoneField.e164, "", channels.checkedButton.channel)
    }
    function retry() { submit() }
    // PhoneField's two text fields, by their object names: the control is no
    // focus scope (its number field must take the focus itself) and keeps its
    // fields at the style's height, below a touch target in Material, with no
    // way to size them. Both are raised here.
    function phoneFieldPart(name) {
        for (let i = 0; i < phoneField.children.length; ++i) {
            if (phoneField.children[i].objectName === name)
                return phoneField.children[i]
        }
        return null
    }

    screenName: "phone"
    heading: qsTr("Sign in")
    description: qsTr("Enter your phone number. We will send you a one-time code, no password needed.")
    onAccepted: submit()
    initialFocus: phoneFieldPart("numberField")
    Component.onCompleted: {
        for (const name of ["regionField", "numberField"]) {
            const field = phoneFieldPart(name)
            field.implicitHeight = Qt.binding(() => Math.max(field.implicitBackgroundHeight + field.topInset
                                                             + field.bottomInset,
                                                             field.contentHeight + field.topPadding
                                                             + field.bottomPadding,
                                                             ScreenKit.touchTarget))
        }
    }

    Countdown {
        id: limit
    }

    Connections {
        target: root.auth
        function onErrorOccurred(error) {
            if (error === SesameError.RateLimited)
                limit.start(root.auth.retryAfter)
        }
    }

    StorageNotice {
        auth: root.auth
        Layout.fillWidth: true
    }

    PhoneField {
        id: phoneField
        objectName: "phoneField"
        enabled: !root.busy
        Layout.fillWidth: true
        Layout.minimumHeight: ScreenKit.touchTarget
    }

    Label {
        objectName: "rateLimitLabel"
        visible: limit.secondsLeft > 0
        text: qsTr("Too many codes were asked for. You can ask again in %1.").arg(limit.text)
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Label {
        text: qsTr("Send the code by")
        Layout.topMargin: 4
    }

    ButtonGroup {
        id: channels
    }

    Flow {
        objectName: "channelChoice"
        spacing: 8
        Layout.fillWidth: true

        Repeater {
            model: [
                { channel: AuthClient.Auto, text: qsTr("Any way") },
                { channel: AuthClient.Telegram, text: qsTr("Telegram") },
                { channel: AuthClient.Sms, text: qsTr("SMS") }
            ]

            RadioButton {
                required property var modelData
                required property int index
                readonly property int channel: modelData.channel

                objectName: "channel" + index
                text: modelData.text
                checked: index === 0
                height: Math.max(implicitHeight, ScreenKit.touchTarget)
                ButtonGroup.group: channels
            }
        }
    }

    ScreenButton {
        objectName: "sendCodeButton"
        text: root.busy ? qsTr("Sending…") : qsTr("Get code")
        enabled: root.canSend
        highlighted: true
        onClicked: root.submit()
    }

    BusyIndicator {
        running: root.busy
        visible: running
        Layout.alignment: Qt.AlignHCenter
        Accessible.name: qsTr("Sending the code")
    }
}
