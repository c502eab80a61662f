import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Screens

// A new owner's details, saved with PATCH /v1/me: their name, the shop's
// name, language and currency, and consent to the terms (with their version).
ScreenBase {
    id: root

    // The version of the terms the owner consents to.
    property string termsVersion
    property bool saving: false
    readonly property bool complete: nameField.text.trim().length > 0 && shopNameField.text.trim().length > 0
                                     && termsCheck.checked

    function submit() {
        if (!complete || saving)
            return
        saving = true
        auth.updateProfile({
            name: nameField.text.trim(),
            shop: { name: shopNameField.text.trim(), language: languageBox.currentValue, currency: currencyBox.currentValue },
            consent: { termsVersion: root.termsVersion, marketing: marketingCheck.checked }
        })
    }
    function retry() { submit() }

    screenName: "profile"
    heading: qsTr("Set up your shop")
    description: qsTr("A few details to finish. You can change them later.")
    initialFocus: nameField
    onAccepted: submit()

    Connections {
        target: root.auth
        function onProfileUpdated() { root.saving = false }
        function onErrorOccurred() { root.saving = false }
    }

    Label {
        text: qsTr("Your name")
    }

    TextField {
        id: nameField
        objectName: "nameField"
        text: root.auth.user.name ?? ""
        maximumLength: 100
        placeholderText: qsTr("Aigerim Sadykova")
        Layout.fillWidth: true
        Layout.minimumHeight: ScreenKit.touchTarget
        Accessible.name: qsTr("Your name")
    }

    Label {
        text: qsTr("Shop name")
    }

    TextField {
        id: shopNameField
        objectName: "shopNameField"
        text: root.auth.shop.name ?? ""
        maximumLength: 100
        placeholderText: qsTr("Flowers on Abay")
        Layout.fillWidth: true
        Layout.minimumHeight: ScreenKit.touchTarget
        Accessible.name: qsTr("Shop name")
    }

    Label {
        text: qsTr("Language of the shop")
    }

    ScreenComboBox {
        id: languageBox
        objectName: "languageBox"
        // Names in their own language: a reader of one can find it.
        model: [
            { value: "en", text: "English" },
            { value: "ru", text: "Русский" },
            { value: "kk", text: "Қазақша" }
        ]
        textRole: "text"
        valueRole: "value"
        Accessible.name: qsTr("Language of the shop")
        Component.onCompleted: currentIndex = Math.max(0, indexOfValue(root.auth.shop.language))
    }

    Label {
        text: qsTr("Currency")
    }

    ScreenComboBox {
        id: currencyBox
        objectName: "currencyBox"
        model: ["KZT", "RUB", "UZS", "KGS", "USD", "EUR"]
        Accessible.name: qsTr("Currency")
        Component.onCompleted: currentIndex = Math.max(0, find(root.auth.shop.currency))
    }

    CheckRow {
        id: termsCheck
        objectName: "termsCheck"
        text: qsTr("I accept the terms of service (version %1)").arg(root.termsVersion)
        Layout.fillWidth: true
    }

    CheckRow {
        id: marketingCheck
        objectName: "marketingCheck"
        text: qsTr("Send me news and offers")
        Layout.fillWidth: true
    }

    ScreenButton {
        objectName: "saveProfileButton"
        text: root.saving ? qsTr("Saving…") : qsTr("Continue")
        enabled: root.complete && !root.saving
        highlighted: true
        onClicked: root.submit()
    }

    ScreenButton {
        objectName: "profileSignOutButton"
        text: qsTr("Sign out")
        flat: true
        onClicked: root.auth.signOut(AuthClient.Local)
    }
}
