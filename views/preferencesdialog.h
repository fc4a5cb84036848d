#pragma once

#include <QDialog>
#include <QList>

#include "notificationpolicy.h"
#include "theme.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimeEdit;
class NotificationRuleModel;

/** What Preferences edits, as plain values: the app reads and stores them. */
struct Preferences
{
    enum class OnClose { Ask, KeepInTray, Quit };

    Theme theme = Theme::System;
    OnClose onClose = OnClose::Ask;
    NotificationPolicy notifications;
};

/**
 * Preferences (Ctrl+,): General (theme, what closing the window does) and Notifications (the
 * defaults, the rules table with an editor for the selected rule, quiet hours, a test). Works on
 * a copy: nothing changes until OK.
 */
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
public:
    /** Something a rule or a default can name: a connection or a workflow, by id. */
    struct Choice
    {
        QString id;
        QString name;
    };

    PreferencesDialog(const Preferences &preferences, const QList<Choice> &connections,
        const QList<Choice> &workflows, bool trayAvailable, QWidget *parent = nullptr);

    Preferences preferences() const;
    /** Opens on the Notifications page. */
    void showNotificationsPage();

signals:
    /** "Send a test notification". */
    void testNotificationRequested();

private:
    QWidget *makeGeneralPage(bool trayAvailable);
    QWidget *makeNotificationsPage();
    QWidget *makeRuleEditor();
    void loadRule(int row);
    void storeRule();
    void updateRuleButtons();
    int currentRuleRow() const;

    Preferences m_start;
    QList<Choice> m_connections;
    QList<Choice> m_workflows;
    NotificationRuleModel *m_rules;
    bool m_loadingRule = false;
    QTabWidget *m_tabs;
    QComboBox *m_theme;
    QComboBox *m_onClose;
    QCheckBox *m_watchedRunsEnd;
    QListWidget *m_important;
    QTableView *m_ruleTable;
    QPushButton *m_removeRule;
    QPushButton *m_ruleUp;
    QPushButton *m_ruleDown;
    QWidget *m_ruleEditor;
    QComboBox *m_ruleAction;
    QComboBox *m_ruleConnection;
    QComboBox *m_ruleWorkflow;
    QList<QCheckBox *> m_ruleStatuses;
    QLineEdit *m_ruleErrorCode;
    QLineEdit *m_ruleTag;
    QLabel *m_anyEnd;
    QGroupBox *m_quietHours;
    QTimeEdit *m_quietFrom;
    QTimeEdit *m_quietUntil;
    QCheckBox *m_paused;
};
