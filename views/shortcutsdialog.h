#pragma once

#include <QDialog>

/** Every key Runwatch answers to, in one table: opened with F1 or Ctrl+/ from the window. */
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);
};
