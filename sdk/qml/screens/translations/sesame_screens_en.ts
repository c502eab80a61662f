<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CodeScreen</name>
    <message>
        <location filename="../CodeScreen.qml" line="36"/>
        <source>Enter the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../CodeScreen.qml" line="38"/>
        <source>We sent a %n-digit code to %1 in Telegram.</source>
        <translation>
            <numerusform>We sent a %n-digit code to %1 in Telegram.</numerusform>
            <numerusform>We sent a %n-digit code to %1 in Telegram.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../CodeScreen.qml" line="39"/>
        <source>We sent a %n-digit code to %1 by SMS.</source>
        <translation>
            <numerusform>We sent a %n-digit code to %1 by SMS.</numerusform>
            <numerusform>We sent a %n-digit code to %1 by SMS.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="78"/>
        <source>Checking the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../CodeScreen.qml" line="84"/>
        <source>%n attempt(s) left for this code.</source>
        <translation>
            <numerusform>%n attempt left for this code.</numerusform>
            <numerusform>%n attempts left for this code.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="92"/>
        <source>This code can no longer be used. Ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="93"/>
        <source>The code works for %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="117"/>
        <source>Send by SMS instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="125"/>
        <source>Change number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../ConnectionBanner.qml" line="16"/>
        <source>You are offline. Sesame keeps trying to reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConnectionBanner.qml" line="19"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../HomeScreen.qml" line="24"/>
        <source>Your shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="36"/>
        <source>Plan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="43"/>
        <source>Signed in as %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="54"/>
        <source>Devices signed in to this shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="83"/>
        <source>Sign out all other devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="89"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="97"/>
        <source>Sign out everywhere</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <location filename="../LanguageSwitch.qml" line="18"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneScreen</name>
    <message>
        <location filename="../PhoneScreen.qml" line="33"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="34"/>
        <source>Enter your phone number. We will send you a one-time code, no password needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="76"/>
        <source>Too many codes were asked for. You can ask again in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="82"/>
        <source>Send the code by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="97"/>
        <source>Any way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="98"/>
        <source>Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="99"/>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="118"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="118"/>
        <source>Get code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="128"/>
        <source>Sending the code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileScreen</name>
    <message>
        <location filename="../ProfileScreen.qml" line="31"/>
        <source>Set up your shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="32"/>
        <source>A few details to finish. You can change them later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="43"/>
        <location filename="../ProfileScreen.qml" line="54"/>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="58"/>
        <location filename="../ProfileScreen.qml" line="69"/>
        <source>Shop name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="51"/>
        <source>Aigerim Sadykova</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="66"/>
        <source>Flowers on Abay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="73"/>
        <location filename="../ProfileScreen.qml" line="87"/>
        <source>Language of the shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="92"/>
        <location filename="../ProfileScreen.qml" line="99"/>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="106"/>
        <source>I accept the terms of service (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="113"/>
        <source>Send me news and offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="119"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="119"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="127"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoringScreen</name>
    <message>
        <location filename="../RestoringScreen.qml" line="8"/>
        <source>Opening your shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../RestoringScreen.qml" line="9"/>
        <source>Checking whether this device is still signed in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../RestoringScreen.qml" line="15"/>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionRow</name>
    <message>
        <location filename="../SessionRow.qml" line="13"/>
        <source>Unknown device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="31"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="41"/>
        <source>This device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="42"/>
        <source>Last active %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="51"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="52"/>
        <source>Sign out %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageNotice</name>
    <message>
        <location filename="../StorageNotice.qml" line="13"/>
        <source>The keychain of this device is locked or refused access, so Sesame cannot remember that you signed in. Unlock it and restart Sesame, or sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StorageNotice.qml" line="14"/>
        <source>This device has no keychain for Sesame to keep your sign-in in. You can sign in, but you will need a new code every time you start Sesame.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TelegramLinkScreen</name>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="18"/>
        <source>Continue in Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="19"/>
        <source>Open our bot in Telegram and share your phone number with it. The bot then sends you the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="27"/>
        <source>Open Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="39"/>
        <source>Waiting for Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="43"/>
        <source>Waiting for you to share your number in Telegram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="51"/>
        <source>Telegram on another device? Open %1 there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="60"/>
        <source>I have the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="66"/>
        <source>Send by SMS instead in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="66"/>
        <source>Send by SMS instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="74"/>
        <source>Change number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
