<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Sesame</name>
    <message>
        <source>No error.</source>
        <translation>Ошибок нет.</translation>
    </message>
    <message>
        <source>The request was not understood. Please update the app.</source>
        <translation>Запрос не распознан. Пожалуйста, обновите приложение.</translation>
    </message>
    <message>
        <source>This phone number is not valid.</source>
        <translation>Этот номер телефона недействителен.</translation>
    </message>
    <message>
        <source>Too many requests. Please wait a little and try again.</source>
        <translation>Слишком много запросов. Подождите немного и попробуйте снова.</translation>
    </message>
    <message>
        <source>Please wait before asking for another code.</source>
        <translation>Подождите, прежде чем запрашивать новый код.</translation>
    </message>
    <message>
        <source>The code could not be delivered. Please try again later.</source>
        <translation>Не удалось доставить код. Попробуйте позже.</translation>
    </message>
    <message>
        <source>The code is wrong.</source>
        <translation>Неверный код.</translation>
    </message>
    <message>
        <source>The code has expired. Please ask for a new one.</source>
        <translation>Срок действия кода истёк. Запросите новый.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Please ask for a new one.</source>
        <translation>Слишком много неверных кодов. Запросите новый.</translation>
    </message>
    <message>
        <source>There is no code to check. Please ask for a new one.</source>
        <translation>Нет кода для проверки. Запросите новый.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Сеанс завершён. Войдите снова.</translation>
    </message>
    <message>
        <source>Your session was ended for your safety. Please sign in again.</source>
        <translation>Сеанс завершён ради вашей безопасности. Войдите снова.</translation>
    </message>
    <message>
        <source>Your session needs renewing.</source>
        <translation>Сеанс нужно продлить.</translation>
    </message>
    <message>
        <source>Your session is no longer valid. Please sign in again.</source>
        <translation>Сеанс больше не действителен. Войдите снова.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>У вас нет прав на это действие.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Не найдено.</translation>
    </message>
    <message>
        <source>The server took too long. Please try again.</source>
        <translation>Сервер отвечал слишком долго. Попробуйте снова.</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>Запрос слишком большой.</translation>
    </message>
    <message>
        <source>The service is temporarily unavailable. Please try again later.</source>
        <translation>Сервис временно недоступен. Попробуйте позже.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Please try again later.</source>
        <translation>На сервере что-то пошло не так. Попробуйте позже.</translation>
    </message>
    <message>
        <source>No connection to the server. Check your internet connection.</source>
        <translation>Нет связи с сервером. Проверьте подключение к интернету.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation>Не удалось установить защищённое соединение с сервером.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Please try again.</source>
        <translation>Сервер не ответил вовремя. Попробуйте снова.</translation>
    </message>
    <message>
        <source>The secure storage of this device is unavailable or locked.</source>
        <translation>Защищённое хранилище устройства недоступно или заблокировано.</translation>
    </message>
    <message>
        <source>The connection to the server is not secure.</source>
        <translation>Соединение с сервером не защищено.</translation>
    </message>
    <message>
        <source>The server sent an answer the app does not understand.</source>
        <translation>Сервер прислал ответ, который приложение не понимает.</translation>
    </message>
    <message>
        <source>This is not possible right now.</source>
        <translation>Сейчас это невозможно.</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>Сначала войдите в систему.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Запрос отменён.</translation>
    </message>
</context>
</TS>
