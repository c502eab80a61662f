import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Screens

// The code goes by a Telegram bot the user has not met yet: open the bot
// (linkUrl), share the number there, and the code arrives in Telegram.
ScreenBase {
    id: root

    property url linkUrl: auth.linkUrl

    // The user says the code has arrived: the code entry comes next.
    signal codeArrived()

    screenName: "telegram"
    heading: qsTr("Continue in Telegram")
    description: qsTr("Open our bot in Telegram and share your phone number with it. The bot then sends you the code.")
    canGoBack: true
    initialFocus: openButton
    onAccepted: Qt.openUrlExternally(root.linkUrl)

    ScreenButton {
        id: openButton
        objectName: "openTelegramButton"
        text: qsTr("Open Telegram")
        highlighted: true
        onClicked: Qt.openUrlExternally(root.linkUrl)
    }

    RowLayout {
        spacing: 8
        Layout.fillWidth: true

        BusyIndicator {
            objectName: "telegramProgress"
            running: root.visible
            Accessible.name: qsTr("Waiting for Telegram")
        }

        Label {
            text: qsTr("Waiting for you to share your number in Telegram…")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    Label {
        objectName: "linkText"
        text: qsTr("Telegram on another device? Open %1 there.").arg(root.linkUrl.toString())
        textFormat: Text.PlainText
        wrapMode: Text.WrapAnywhere
        font.pixelSize: Math.round(openButton.font.pixelSize * 0.9)
        Layout.fillWidth: true
    }

    ScreenButton {
        objectName: "haveCodeButton"
        text: qsTr("I have the code")
        onClicked: root.codeArrived()
    }

    ScreenButton {
        objectName: "smsInsteadButton"
        text: auth.resendIn > 0 ? qsTr("Send by SMS instead in %1 s").arg(auth.resendIn) : qsTr("Send by SMS instead")
        enabled: auth.resendIn <= 0 && auth.status === AuthClient.AwaitingCode
        flat: true
        onClicked: auth.resendCode(AuthClient.Sms)
    }

    ScreenButton {
        objectName: "changeNumberButton"
        text: qsTr("Change number")
        flat: true
        onClicked: root.backRequested()
    }
}
