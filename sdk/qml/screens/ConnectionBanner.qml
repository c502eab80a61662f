import QtQuick
import Sesame
import Sesame.Screens

// The server cannot be reached: says so and offers to try again now. While
// signed in, the SDK keeps retrying by itself as well.
Notice {
    required property AuthClient auth
    property int problem: SesameError.None

    objectName: "connectionBanner"
    visible: auth.status === AuthClient.Offline || ScreenKit.isConnectionError(problem)
    text: {
        UiLanguage.current  // the SDK's sentence changes with the language
        return auth.status === AuthClient.Offline
            ? qsTr("You are offline. Sesame keeps trying to reconnect.")
            : DisplayText.error(problem)
    }
    actionText: qsTr("Retry")
}
