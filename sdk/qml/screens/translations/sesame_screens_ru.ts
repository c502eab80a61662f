<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CodeScreen</name>
    <message>
        <location filename="../CodeScreen.qml" line="36"/>
        <source>Enter the code</source>
        <translation>Введите код</translation>
    </message>
    <message numerus="yes">
        <location filename="../CodeScreen.qml" line="38"/>
        <source>We sent a %n-digit code to %1 in Telegram.</source>
        <translation>
            <numerusform>Мы отправили %n-значный код на %1 в Telegram.</numerusform>
            <numerusform>Мы отправили %n-значный код на %1 в Telegram.</numerusform>
            <numerusform>Мы отправили %n-значный код на %1 в Telegram.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../CodeScreen.qml" line="39"/>
        <source>We sent a %n-digit code to %1 by SMS.</source>
        <translation>
            <numerusform>Мы отправили %n-значный код на %1 по SMS.</numerusform>
            <numerusform>Мы отправили %n-значный код на %1 по SMS.</numerusform>
            <numerusform>Мы отправили %n-значный код на %1 по SMS.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="78"/>
        <source>Checking the code</source>
        <translation>Проверяем код</translation>
    </message>
    <message numerus="yes">
        <location filename="../CodeScreen.qml" line="84"/>
        <source>%n attempt(s) left for this code.</source>
        <translation>
            <numerusform>Для этого кода осталась %n попытка.</numerusform>
            <numerusform>Для этого кода осталось %n попытки.</numerusform>
            <numerusform>Для этого кода осталось %n попыток.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="92"/>
        <source>This code can no longer be used. Ask for a new one.</source>
        <translation>Этот код больше не действует. Запросите новый.</translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="93"/>
        <source>The code works for %1 more.</source>
        <translation>Код действует ещё %1.</translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="117"/>
        <source>Send by SMS instead</source>
        <translation>Отправить по SMS</translation>
    </message>
    <message>
        <location filename="../CodeScreen.qml" line="125"/>
        <source>Change number</source>
        <translation>Изменить номер</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../ConnectionBanner.qml" line="16"/>
        <source>You are offline. Sesame keeps trying to reconnect.</source>
        <translation>Нет связи. Sesame продолжает попытки подключиться.</translation>
    </message>
    <message>
        <location filename="../ConnectionBanner.qml" line="19"/>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../HomeScreen.qml" line="24"/>
        <source>Your shop</source>
        <translation>Ваш магазин</translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="36"/>
        <source>Plan: %1</source>
        <translation>Тариф: %1</translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="43"/>
        <source>Signed in as %1, %2</source>
        <translation>Вы вошли как %1, %2</translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="54"/>
        <source>Devices signed in to this shop</source>
        <translation>Устройства, на которых выполнен вход</translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="83"/>
        <source>Sign out all other devices</source>
        <translation>Выйти на других устройствах</translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="89"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../HomeScreen.qml" line="97"/>
        <source>Sign out everywhere</source>
        <translation>Выйти везде</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <location filename="../LanguageSwitch.qml" line="18"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
</context>
<context>
    <name>PhoneScreen</name>
    <message>
        <location filename="../PhoneScreen.qml" line="33"/>
        <source>Sign in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="34"/>
        <source>Enter your phone number. We will send you a one-time code, no password needed.</source>
        <translation>Введите номер телефона. Мы отправим одноразовый код — пароль не нужен.</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="76"/>
        <source>Too many codes were asked for. You can ask again in %1.</source>
        <translation>Запрошено слишком много кодов. Новый можно запросить через %1.</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="82"/>
        <source>Send the code by</source>
        <translation>Как отправить код</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="97"/>
        <source>Any way</source>
        <translation>Любым способом</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="98"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="99"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="118"/>
        <source>Sending…</source>
        <translation>Отправляем…</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="118"/>
        <source>Get code</source>
        <translation>Получить код</translation>
    </message>
    <message>
        <location filename="../PhoneScreen.qml" line="128"/>
        <source>Sending the code</source>
        <translation>Отправляем код</translation>
    </message>
</context>
<context>
    <name>ProfileScreen</name>
    <message>
        <location filename="../ProfileScreen.qml" line="31"/>
        <source>Set up your shop</source>
        <translation>Настройте магазин</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="32"/>
        <source>A few details to finish. You can change them later.</source>
        <translation>Осталось несколько шагов. Всё это можно изменить позже.</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="43"/>
        <location filename="../ProfileScreen.qml" line="54"/>
        <source>Your name</source>
        <translation>Ваше имя</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="58"/>
        <location filename="../ProfileScreen.qml" line="69"/>
        <source>Shop name</source>
        <translation>Название магазина</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="51"/>
        <source>Aigerim Sadykova</source>
        <translation>Айгерим Садыкова</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="66"/>
        <source>Flowers on Abay</source>
        <translation>Цветы на Абая</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="73"/>
        <location filename="../ProfileScreen.qml" line="87"/>
        <source>Language of the shop</source>
        <translation>Язык магазина</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="92"/>
        <location filename="../ProfileScreen.qml" line="99"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="106"/>
        <source>I accept the terms of service (version %1)</source>
        <translation>Я принимаю условия использования (версия %1)</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="113"/>
        <source>Send me news and offers</source>
        <translation>Присылать новости и предложения</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="119"/>
        <source>Saving…</source>
        <translation>Сохраняем…</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="119"/>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <location filename="../ProfileScreen.qml" line="127"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
</context>
<context>
    <name>RestoringScreen</name>
    <message>
        <location filename="../RestoringScreen.qml" line="8"/>
        <source>Opening your shop</source>
        <translation>Открываем ваш магазин</translation>
    </message>
    <message>
        <location filename="../RestoringScreen.qml" line="9"/>
        <source>Checking whether this device is still signed in…</source>
        <translation>Проверяем, выполнен ли вход на этом устройстве…</translation>
    </message>
    <message>
        <location filename="../RestoringScreen.qml" line="15"/>
        <source>Loading</source>
        <translation>Загрузка</translation>
    </message>
</context>
<context>
    <name>SessionRow</name>
    <message>
        <location filename="../SessionRow.qml" line="13"/>
        <source>Unknown device</source>
        <translation>Неизвестное устройство</translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="31"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="41"/>
        <source>This device</source>
        <translation>Это устройство</translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="42"/>
        <source>Last active %1</source>
        <translation>Был активен %1</translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="51"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../SessionRow.qml" line="52"/>
        <source>Sign out %1</source>
        <translation>Выйти на устройстве %1</translation>
    </message>
</context>
<context>
    <name>StorageNotice</name>
    <message>
        <location filename="../StorageNotice.qml" line="13"/>
        <source>The keychain of this device is locked or refused access, so Sesame cannot remember that you signed in. Unlock it and restart Sesame, or sign in again next time.</source>
        <translation>Связка ключей этого устройства заблокирована или отказала в доступе, поэтому Sesame не сможет запомнить вход. Разблокируйте её и перезапустите Sesame или войдите заново в следующий раз.</translation>
    </message>
    <message>
        <location filename="../StorageNotice.qml" line="14"/>
        <source>This device has no keychain for Sesame to keep your sign-in in. You can sign in, but you will need a new code every time you start Sesame.</source>
        <translation>На этом устройстве нет связки ключей, где Sesame мог бы хранить вход. Войти можно, но при каждом запуске Sesame понадобится новый код.</translation>
    </message>
</context>
<context>
    <name>TelegramLinkScreen</name>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="18"/>
        <source>Continue in Telegram</source>
        <translation>Продолжите в Telegram</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="19"/>
        <source>Open our bot in Telegram and share your phone number with it. The bot then sends you the code.</source>
        <translation>Откройте нашего бота в Telegram и поделитесь с ним номером телефона. Бот пришлёт вам код.</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="27"/>
        <source>Open Telegram</source>
        <translation>Открыть Telegram</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="39"/>
        <source>Waiting for Telegram</source>
        <translation>Ждём Telegram</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="43"/>
        <source>Waiting for you to share your number in Telegram…</source>
        <translation>Ждём, когда вы поделитесь номером в Telegram…</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="51"/>
        <source>Telegram on another device? Open %1 there.</source>
        <translation>Telegram на другом устройстве? Откройте там %1.</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="60"/>
        <source>I have the code</source>
        <translation>Код пришёл</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="66"/>
        <source>Send by SMS instead in %1 s</source>
        <translation>Отправить по SMS через %1 с</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="66"/>
        <source>Send by SMS instead</source>
        <translation>Отправить по SMS</translation>
    </message>
    <message>
        <location filename="../TelegramLinkScreen.qml" line="74"/>
        <source>Change number</source>
        <translation>Изменить номер</translation>
    </message>
</context>
</TS>
