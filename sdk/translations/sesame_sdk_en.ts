<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Sesame</name>
    <message>
        <source>No error.</source>
        <translation>No error.</translation>
    </message>
    <message>
        <source>The request was not understood. Please update the app.</source>
        <translation>The request was not understood. Please update the app.</translation>
    </message>
    <message>
        <source>This phone number is not valid.</source>
        <translation>This phone number is not valid.</translation>
    </message>
    <message>
        <source>Too many requests. Please wait a little and try again.</source>
        <translation>Too many requests. Please wait a little and try again.</translation>
    </message>
    <message>
        <source>Please wait before asking for another code.</source>
        <translation>Please wait before asking for another code.</translation>
    </message>
    <message>
        <source>The code could not be delivered. Please try again later.</source>
        <translation>The code could not be delivered. Please try again later.</translation>
    </message>
    <message>
        <source>The code is wrong.</source>
        <translation>The code is wrong.</translation>
    </message>
    <message>
        <source>The code has expired. Please ask for a new one.</source>
        <translation>The code has expired. Please ask for a new one.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Please ask for a new one.</source>
        <translation>Too many wrong codes. Please ask for a new one.</translation>
    </message>
    <message>
        <source>There is no code to check. Please ask for a new one.</source>
        <translation>There is no code to check. Please ask for a new one.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Your session has ended. Please sign in again.</translation>
    </message>
    <message>
        <source>Your session was ended for your safety. Please sign in again.</source>
        <translation>Your session was ended for your safety. Please sign in again.</translation>
    </message>
    <message>
        <source>Your session needs renewing.</source>
        <translation>Your session needs renewing.</translation>
    </message>
    <message>
        <source>Your session is no longer valid. Please sign in again.</source>
        <translation>Your session is no longer valid. Please sign in again.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>You are not allowed to do this.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Not found.</translation>
    </message>
    <message>
        <source>The server took too long. Please try again.</source>
        <translation>The server took too long. Please try again.</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>The request is too large.</translation>
    </message>
    <message>
        <source>The service is temporarily unavailable. Please try again later.</source>
        <translation>The service is temporarily unavailable. Please try again later.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Please try again later.</source>
        <translation>Something went wrong on the server. Please try again later.</translation>
    </message>
    <message>
        <source>No connection to the server. Check your internet connection.</source>
        <translation>No connection to the server. Check your internet connection.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation>A secure connection to the server could not be established.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Please try again.</source>
        <translation>The server did not answer in time. Please try again.</translation>
    </message>
    <message>
        <source>The secure storage of this device is unavailable or locked.</source>
        <translation>The secure storage of this device is unavailable or locked.</translation>
    </message>
    <message>
        <source>The connection to the server is not secure.</source>
        <translation>The connection to the server is not secure.</translation>
    </message>
    <message>
        <source>The server sent an answer the app does not understand.</source>
        <translation>The server sent an answer the app does not understand.</translation>
    </message>
    <message>
        <source>This is not possible right now.</source>
        <translation>This is not possible right now.</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>Please sign in first.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>The request was cancelled.</translation>
    </message>
</context>
</TS>
