#pragma once

#include <functional>
#include <memory>

#include <QDialog>

#include "connectionprofile.h"
#include "runsource.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

/**
 * Where runs come from: Skyvern Cloud or a server address, and its API key (masked). "Test
 * connection" asks the server for one run with what is typed, before anything is saved. Plain
 * http to another machine is refused unless the user ticks an explicit checkbox.
 */
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
public:
    /** Builds a throwaway source for "Test connection"; the app supplies the real client. */
    using SourceFactory
        = std::function<std::unique_ptr<RunSource>(const ConnectionProfile &, const QString &)>;

    explicit ConnectionDialog(SourceFactory factory, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setProfile(const ConnectionProfile &profile, const QString &apiKey);
    /** The profile as edited; keeps the id of the one given to setProfile() or makes a new one. */
    ConnectionProfile profile() const;
    QString apiKey() const;
    /** A note under the key field, e.g. that no keychain is running. */
    void setKeyNote(const QString &note);

    void accept() override;

private:
    QUrl typedUrl() const;
    /** Checks the form; puts the problems next to the fields and answers whether it is usable. */
    bool validate();
    void testConnection();
    void updateServerField();
    void updateKind();
    ConnectionProfile::Kind kind() const;

    SourceFactory m_factory;
    std::unique_ptr<RunSource> m_testSource;
    QString m_profileId;
    class QFormLayout *m_form = nullptr;
    QComboBox *m_kind;
    QLabel *m_keyLabel;
    QLineEdit *m_workflowIds;
    QWidget *m_workflowRow;
    QRadioButton *m_cloud;
    QRadioButton *m_custom;
    QLineEdit *m_name;
    QLineEdit *m_server;
    QLabel *m_serverError;
    QCheckBox *m_allowInsecure;
    QLineEdit *m_apiKey;
    QLabel *m_apiKeyError;
    QLabel *m_keyNote;
    QPushButton *m_testButton;
    QLabel *m_testResult;
    QDialogButtonBox *m_buttons;
};
