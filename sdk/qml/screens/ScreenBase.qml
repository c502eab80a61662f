import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Controls
import Sesame.Screens

// The frame of every screen: a heading, a sentence under it, the current
// problem in red, then the screen's own content, in a centred column that
// scrolls when the text is large or the window small. Enter anywhere on the
// screen is `accepted`.
Page {
    id: root

    required property AuthClient auth
    // What the screen is: "restoring", "phone", "telegram", "code", "profile", "home".
    property string screenName
    property string heading
    property string description
    // The last error worth showing (a SesameError value); LoginFlow keeps it.
    property int problem: SesameError.None
    // Where the keyboard focus goes when the screen appears.
    property Item initialFocus
    // True where "back" (Esc, the back button) leaves this screen.
    property bool canGoBack: false
    default property alias content: column.data

    // Connection and storage trouble have their own notices.
    readonly property string problemText: {
        UiLanguage.current  // the SDK's sentence changes with the language
        const hidden = problem === SesameError.Storage || ScreenKit.isConnectionError(problem)
        return hidden ? "" : DisplayText.error(problem)
    }

    signal accepted()
    // The user asked to leave the screen backwards ("Change number").
    signal backRequested()

    // What "Retry" on the connection banner does on this screen.
    function retry() {}

    title: heading
    Keys.onReturnPressed: root.accepted()
    Keys.onEnterPressed: root.accepted()
    StackView.onActivated: if (root.initialFocus) root.initialFocus.forceActiveFocus()

    FontMetrics {
        id: textMetrics
        font: root.font
    }

    Flickable {
        id: flickable
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight + 2 * ScreenKit.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: Math.min(textMetrics.averageCharacterWidth * ScreenKit.columnCharacters,
                            flickable.width - 2 * ScreenKit.margin)
            x: (flickable.width - width) / 2
            y: Math.max(ScreenKit.margin, (flickable.height - implicitHeight) / 2)
            spacing: 12

            Label {
                objectName: "heading"
                text: root.heading
                font.pixelSize: Math.round(textMetrics.height * 1.5)
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }

            Label {
                objectName: "description"
                text: root.description
                visible: text.length > 0
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            ErrorBanner {
                objectName: "errorBanner"
                text: root.problemText
                Layout.fillWidth: true
            }
        }
    }
}
