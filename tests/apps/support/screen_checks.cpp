#include "support/screen_checks.h"

#include <QtCore/QSet>
#include <QtGui/QAccessible>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>

namespace sesame::apptest {
namespace {

bool shows(const QQuickItem* item) {
    qreal opacity = 1;
    for (const QQuickItem* i = item; i != nullptr; i = i->parentItem()) {
        opacity *= i->opacity();
    }
    return item->isVisible() && opacity > 0 && item->width() > 0 && item->height() > 0;
}

void collect(QQuickItem* item, QList<QQuickItem*>& out) {
    if (!shows(item) && item->parentItem() != nullptr) {
        return;
    }
    out << item;
    for (QQuickItem* child : item->childItems()) {
        collect(child, out);
    }
}

QRectF sceneRect(const QQuickItem* item) { return item->mapRectToScene(QRectF(0, 0, item->width(), item->height())); }

}  // namespace

int distinctColours(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    QSet<QRgb> colours;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            colours.insert(line[x]);
        }
    }
    return static_cast<int>(colours.size());
}

QList<QQuickItem*> visibleItems(QQuickItem* root) {
    QList<QQuickItem*> items;
    if (root != nullptr) {
        collect(root, items);
    }
    return items;
}

bool isControl(const QQuickItem* item) {
    // A ComboBox's text field is part of the ComboBox, which is named as a whole.
    const bool input = item->inherits("QQuickTextInput") && !item->parentItem()->inherits("QQuickComboBox");
    return input || item->inherits("QQuickAbstractButton") || item->inherits("QQuickComboBox");
}

QString describe(const QQuickItem* item) {
    const QString kind = QString::fromLatin1(item->metaObject()->className()).section(u'_', 0, 0);
    QString label = item->objectName();
    if (label.isEmpty()) {
        label = item->property("text").toString();
    }
    return QStringLiteral("%1 '%2'").arg(kind, label);
}

QStringList unnamedControls(QQuickItem* root) {
    QStringList problems;
    for (QQuickItem* item : visibleItems(root)) {
        if (!isControl(item)) {
            continue;
        }
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(item);
        QString name = accessible != nullptr ? accessible->text(QAccessible::Name) : QString{};
        if (name.isEmpty() && item->inherits("QQuickAbstractButton")) {
            name = item->property("text").toString();  // what a screen reader announces for a button
        }
        if (name.trimmed().isEmpty()) {
            problems << QStringLiteral("%1 has no accessible name").arg(describe(item));
        }
    }
    return problems;
}

QStringList smallTouchTargets(QQuickItem* root, int minimum) {
    QStringList problems;
    for (QQuickItem* item : visibleItems(root)) {
        if (isControl(item) && item->isEnabled() && item->height() < minimum) {
            problems << QStringLiteral("%1 is %2 px high, below %3").arg(describe(item)).arg(item->height()).arg(minimum);
        }
    }
    return problems;
}

QStringList cutOffTexts(QQuickItem* root) {
    QStringList problems;
    const QRectF window = sceneRect(root).adjusted(-1, -1, 1, 1);
    for (QQuickItem* item : visibleItems(root)) {
        const bool input = item->inherits("QQuickTextInput");
        if ((!item->inherits("QQuickText") && !input) || item->property("text").toString().isEmpty()) {
            continue;
        }
        const QRectF box = sceneRect(item);
        const QString text = item->property("text").toString().left(40);
        if (item->property("contentHeight").toReal() > item->height() + 1) {
            problems << QStringLiteral("text '%1' is taller than its box").arg(text);
        } else if (input) {
            continue;  // a text field scrolls sideways through long text
        } else if (item->property("truncated").toBool()) {
            problems << QStringLiteral("text '%1' is cut off").arg(text);
        } else if (item->property("contentWidth").toReal() > item->width() + 1) {
            problems << QStringLiteral("text '%1' runs past its box").arg(text);
        } else if (box.left() < window.left() || box.right() > window.right()) {
            problems << QStringLiteral("text '%1' sticks out of the window").arg(text);
        }
    }
    return problems;
}

}  // namespace sesame::apptest
