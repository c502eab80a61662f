import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Screens

// The whole login as a stack of screens chosen from AuthClient's state:
// restoring -> phone -> (Telegram link) -> code -> profile (until the owner
// has a name) -> home. Going back along the login pops the stack; every other
// change replaces it. Apps put the flow in a window and add their chrome.
FocusScope {
    id: root

    required property AuthClient auth
    // The version of the terms the profile screen asks consent to.
    property string termsVersion: "2024-06-01"

    readonly property string screenName: stack.currentItem ? stack.currentItem.screenName : ""
    readonly property string title: stack.currentItem ? stack.currentItem.title : ""
    readonly property bool canGoBack: stack.currentItem ? stack.currentItem.canGoBack : false
    // A screen is sliding in or out.
    readonly property bool busy: stack.busy
    // The last error the user should see (a SesameError value); the next success clears it.
    property int problem: SesameError.None

    // A new screen is on top (after any transition began).
    signal screenShown(string name)

    function goBack() {
        if (!canGoBack)
            return
        if (screenName === "code" && auth.channel === AuthClient.TelegramLink && internal.telegramBelow())
            internal.codeArrived = false
        else
            auth.cancel()
    }

    Keys.onEscapePressed: event => { event.accepted = canGoBack; goBack() }
    Keys.onBackPressed: event => { event.accepted = canGoBack; goBack() }

    QtObject {
        id: internal

        // The profile has come from the server in this run (a stored one may be old).
        property bool profileChecked: false
        property bool fetchingProfile: false
        // On the Telegram link screen the user said the code has arrived.
        property bool codeArrived: false

        readonly property string wanted: {
            switch (root.auth.status) {
            case AuthClient.Restoring:
                return "restoring"
            case AuthClient.SignedOut:
                return "phone"
            case AuthClient.RequestingCode:
                return ""  // stay where the request was made
            case AuthClient.AwaitingCode:
            case AuthClient.Verifying:
                return root.auth.channel === AuthClient.TelegramLink && !codeArrived ? "telegram" : "code"
            default:  // SignedIn, Refreshing, Offline
                if (!profileChecked)
                    return "restoring"
                return root.auth.user.name ? "home" : "profile"
            }
        }
        onWantedChanged: internal.show(wanted)

        readonly property var components: ({
            restoring: restoringScreen,
            phone: phoneScreen,
            telegram: telegramScreen,
            code: codeScreen,
            profile: profileScreen,
            home: homeScreen
        })
        // The login's way forward; along it the stack grows, so back pops.
        readonly property var forward: ["phone", "telegram", "code"]

        function telegramBelow() {
            return stack.depth > 1 && stack.get(stack.depth - 2).screenName === "telegram"
        }

        function show(name) {
            if (!name || name === root.screenName)
                return
            for (let i = stack.depth - 2; i >= 0; --i) {
                if (stack.get(i) && stack.get(i).screenName === name) {
                    stack.pop(stack.get(i))
                    return
                }
            }
            if (forward.indexOf(name) > forward.indexOf(root.screenName) && forward.indexOf(root.screenName) >= 0)
                stack.push(components[name])
            else
                stack.replace(null, components[name])
        }

        // A session is there (restored, refreshed or offline): make sure the
        // profile shown is the server's, not an old stored copy.
        function checkProfile() {
            const status = root.auth.status
            const hasSession = status === AuthClient.SignedIn || status === AuthClient.Refreshing
                || status === AuthClient.Offline
            if (hasSession && !profileChecked && !fetchingProfile) {
                fetchingProfile = true
                root.auth.fetchProfile()
            }
        }

        function succeeded() { root.problem = SesameError.None }
    }

    Connections {
        target: root.auth
        function onStatusChanged() { internal.checkProfile() }
        function onErrorOccurred(error) {
            root.problem = error
            if (internal.fetchingProfile) {
                // Offline: the stored profile has to do for now.
                internal.fetchingProfile = false
                internal.profileChecked = true
            }
        }
        function onSignedIn() {
            internal.profileChecked = true
            internal.succeeded()
        }
        function onProfileUpdated() {
            internal.fetchingProfile = false
            internal.profileChecked = true
            internal.succeeded()
        }
        function onSignedOut() {
            internal.profileChecked = false
            internal.fetchingProfile = false
            internal.succeeded()
        }
        function onCodeSent() {
            internal.codeArrived = false
            internal.succeeded()
        }
        function onTokenRefreshed() { internal.succeeded() }
        function onSessionsListed() { internal.succeeded() }
        function onSessionRevoked() { internal.succeeded() }
        function onOtherSessionsSignedOut() { internal.succeeded() }
    }

    Component.onCompleted: {
        internal.checkProfile()
        internal.show(internal.wanted)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ConnectionBanner {
            auth: root.auth
            problem: root.problem
            Layout.fillWidth: true
            Layout.margins: visible ? 8 : 0
            onActionTriggered: if (stack.currentItem) stack.currentItem.retry()
        }

        StackView {
            id: stack
            focus: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            onCurrentItemChanged: if (currentItem) root.screenShown(currentItem.screenName)
        }
    }

    Component {
        id: restoringScreen
        RestoringScreen { auth: root.auth; problem: root.problem }
    }
    Component {
        id: phoneScreen
        PhoneScreen { auth: root.auth; problem: root.problem }
    }
    Component {
        id: telegramScreen
        TelegramLinkScreen {
            auth: root.auth
            problem: root.problem
            onBackRequested: root.goBack()
            onCodeArrived: internal.codeArrived = true
        }
    }
    Component {
        id: codeScreen
        CodeScreen { auth: root.auth; problem: root.problem; onBackRequested: root.auth.cancel() }
    }
    Component {
        id: profileScreen
        ProfileScreen { auth: root.auth; problem: root.problem; termsVersion: root.termsVersion }
    }
    Component {
        id: homeScreen
        HomeScreen { auth: root.auth; problem: root.problem }
    }
}
