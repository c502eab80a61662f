import QtQuick
import QtTest
import Sesame.Controls

Item {
    id: root
    width: 640
    height: 480

    PhoneField {
        id: phoneField
        width: 400
        region: "KZ"
    }

    CodeField {
        id: codeField
        y: 80
    }

    ResendButton {
        id: resendButton
        y: 160
    }

    ErrorBanner {
        id: banner
        y: 240
        width: 400
    }

    TextInput {
        id: clipboardSource
        y: 320
        width: 200
        height: 20
    }

    SignalSpy {
        id: completedSpy
        target: codeField
        signalName: "completed"
    }

    SignalSpy {
        id: resendSpy
        target: resendButton
        signalName: "resend"
    }

    SignalSpy {
        id: acceptedSpy
        target: phoneField
        signalName: "accepted"
    }

    TestCase {
        name: "Controls"
        when: windowShown

        function init() {
            codeField.clear()
            completedSpy.clear()
            phoneField.clear()
            acceptedSpy.clear()
        }

        function typeText(text) {
            for (const c of text)
                keyClick(c)
        }

        function test_phoneFieldFormatsWhileTyping() {
            const number = findChild(phoneField, "numberField")
            number.forceActiveFocus()
            typeText("8700123")
            compare(number.text, "8 700 123")
            verify(!phoneField.acceptable)
            typeText("4567")
            compare(number.text, "8 700 123 4567")
            compare(phoneField.e164, "+77001234567")
            keyClick(Qt.Key_Return)
            compare(acceptedSpy.count, 1)
        }

        function test_phoneFieldIgnoresLetters() {
            const number = findChild(phoneField, "numberField")
            number.forceActiveFocus()
            typeText("8a7b0")
            compare(number.text.replace(/[^0-9]/g, ""), "870")
        }

        function test_codeFieldTakesAPastedCode() {
            clipboardSource.text = "Your Sesame code: 123 456."
            clipboardSource.selectAll()
            clipboardSource.copy()
            codeField.forceActiveFocus()
            keySequence(StandardKey.Paste)
            compare(codeField.code, "123456")
            compare(completedSpy.count, 1)
            compare(completedSpy.signalArguments[0][0], "123456")
        }

        function test_codeFieldSubmitsOnTheLastDigit() {
            codeField.forceActiveFocus()
            typeText("12x345")
            compare(codeField.code, "12345")
            compare(completedSpy.count, 0)
            typeText("6")
            compare(completedSpy.count, 1)
            compare(completedSpy.signalArguments[0][0], "123456")
            typeText("7")
            compare(codeField.code, "123456")
            compare(completedSpy.count, 1)
        }

        function test_resendButtonCountsDown() {
            resendButton.secondsLeft = 42
            verify(!resendButton.enabled)
            verify(resendButton.text.indexOf("42") >= 0)
            mouseClick(resendButton)
            compare(resendSpy.count, 0)
            resendButton.secondsLeft = 0
            verify(resendButton.enabled)
            verify(resendButton.text.indexOf("42") < 0)
            mouseClick(resendButton)
            compare(resendSpy.count, 1)
        }

        function test_errorBannerShowsOnlyWithText() {
            banner.text = ""
            verify(!banner.visible)
            banner.text = "No connection to the server."
            verify(banner.visible)
            verify(banner.implicitHeight > 0)
        }
    }
}
