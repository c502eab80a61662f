import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Controls
import Sesame.Screens

// The one-time code: digit boxes (typing or pasting), what is left of the
// code's life and of its attempts, resend with its countdown, SMS instead.
ScreenBase {
    id: root

    readonly property bool busy: auth.status === AuthClient.Verifying || auth.status === AuthClient.RequestingCode
    property real now: Date.now()
    readonly property int secondsToExpiry: {
        const expiresAt = auth.codeExpiresAt.getTime()
        return isNaN(expiresAt) ? 0 : Math.max(0, Math.ceil((expiresAt - now) / 1000))
    }
    // A dead code cannot be entered any more: only a new one helps.
    readonly property bool dead: secondsToExpiry === 0 || auth.attemptsLeft === 0
        || problem === SesameError.CodeExpired || problem === SesameError.TooManyAttempts
        || problem === SesameError.NoPendingCode
    readonly property bool byTelegram: auth.channel === AuthClient.Telegram || auth.channel === AuthClient.TelegramLink

    function submit() {
        if (codeField.code.length === codeField.length && !busy && !dead)
            auth.verifyCode(codeField.code)
    }
    function retry() { submit() }
    function resend(channel) {
        codeField.clear()
        auth.resendCode(channel)
    }

    screenName: "code"
    heading: qsTr("Enter the code")
    description: byTelegram
        ? qsTr("We sent a %n-digit code to %1 in Telegram.", "", auth.codeLength).arg(DisplayText.phone(auth.phone))
        : qsTr("We sent a %n-digit code to %1 by SMS.", "", auth.codeLength).arg(DisplayText.phone(auth.phone))
    canGoBack: true
    initialFocus: codeField
    onAccepted: submit()

    Timer {
        interval: 500
        repeat: true
        running: root.visible && root.secondsToExpiry > 0
        onTriggered: root.now = Date.now()
    }

    Connections {
        target: root.auth
        function onErrorOccurred(error) {
            if (error === SesameError.InvalidCode) {
                codeField.clear()
                codeField.forceActiveFocus()
            }
        }
        function onCodeSent() {
            root.now = Date.now()
            codeField.forceActiveFocus()
        }
    }

    CodeField {
        id: codeField
        objectName: "codeField"
        length: root.auth.codeLength > 0 ? root.auth.codeLength : 6
        enabled: !root.dead
        Layout.alignment: Qt.AlignHCenter
        onCompleted: root.submit()
    }

    BusyIndicator {
        running: root.busy
        visible: running
        Layout.alignment: Qt.AlignHCenter
        Accessible.name: qsTr("Checking the code")
    }

    Label {
        objectName: "attemptsLabel"
        visible: root.auth.attemptsLeft > 0 && !root.dead
        text: qsTr("%n attempt(s) left for this code.", "", root.auth.attemptsLeft)
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Label {
        objectName: "expiryLabel"
        text: root.dead
            ? qsTr("This code can no longer be used. Ask for a new one.")
            : qsTr("The code works for %1 more.").arg(Math.floor(root.secondsToExpiry / 60) + ":"
                                                       + String(root.secondsToExpiry % 60).padStart(2, "0"))
        font.bold: root.dead
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    ResendButton {
        id: resendButton
        objectName: "resendButton"
        secondsLeft: root.auth.resendIn
        enabled: secondsLeft <= 0 && !root.busy
        highlighted: root.dead
        Layout.fillWidth: true
        Layout.minimumHeight: ScreenKit.touchTarget
        contentItem: ButtonText {
            button: resendButton
        }
        onResend: root.resend(root.byTelegram ? AuthClient.Telegram : AuthClient.Sms)
    }

    ScreenButton {
        objectName: "smsInsteadButton"
        visible: root.byTelegram
        text: qsTr("Send by SMS instead")
        enabled: root.auth.resendIn <= 0 && !root.busy
        flat: true
        onClicked: root.resend(AuthClient.Sms)
    }

    ScreenButton {
        objectName: "changeNumberButton"
        text: qsTr("Change number")
        flat: true
        onClicked: root.backRequested()
    }
}
