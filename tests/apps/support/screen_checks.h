#pragma once
// Checks of a rendered screen that fail a test: a blank picture, controls
// without an accessible name, touch targets too small, text cut off.

#include <QtCore/QStringList>
#include <QtGui/QImage>

class QQuickItem;

namespace sesame::apptest {

// How many different colours the image holds (a blank window: one or two).
int distinctColours(const QImage& image);

// Every visible item under `root`, depth first.
QList<QQuickItem*> visibleItems(QQuickItem* root);

// Things a person can operate: buttons, check boxes, text fields, combo boxes.
bool isControl(const QQuickItem* item);

// Controls with no accessible name (what a screen reader would announce).
QStringList unnamedControls(QQuickItem* root);
// Controls lower than `minimum` pixels.
QStringList smallTouchTargets(QQuickItem* root, int minimum);
// Texts that are elided, run past or are taller than their box, or stick out
// of the window.
QStringList cutOffTexts(QQuickItem* root);

// "Button 'Get code'", for messages.
QString describe(const QQuickItem* item);

}  // namespace sesame::apptest
