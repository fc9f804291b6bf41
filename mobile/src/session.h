#pragma once
// The app's session: the device store, login (online once, then offline), the sync engine on a
// worker thread, and the queries and edits the pages need. QML only lays out and binds.
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtNumeric>
#include <QtQml/qqmlregistration.h>

#include <memory>

#include "fieldgrid/store/store.h"
#include "fieldgrid/sync/engine.h"
#include "fieldgrid/sync/transport.h"

class QQmlEngine;
class QJSEngine;

class Session final : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(Session)
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY loggedInChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY loggedInChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY loggedInChanged)
    Q_PROPERTY(QString role READ role NOTIFY loggedInChanged)
    Q_PROPERTY(bool offlineMode READ offlineMode NOTIFY loggedInChanged)
    Q_PROPERTY(QString syncState READ syncState NOTIFY syncChanged)
    Q_PROPERTY(int pendingChanges READ pendingChanges NOTIFY syncChanged)
    Q_PROPERTY(int rejectedChanges READ rejectedChanges NOTIFY syncChanged)
    Q_PROPERTY(int openConflicts READ openConflicts NOTIFY syncChanged)
    Q_PROPERTY(QString lastSuccess READ lastSuccess NOTIFY syncChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY syncChanged)
    Q_PROPERTY(int dataVersion READ dataVersion NOTIFY dataChanged)

public:
    ~Session() override;
    // QML gets the one session through create(); the constructor is private so it cannot make another.
    static Session* create(QQmlEngine*, QJSEngine*);
    static Session* instance();

    // Opens the device database and configures the server (from FIELDGRID_DB, FIELDGRID_SERVER,
    // FIELDGRID_CA when not called).
    Q_INVOKABLE bool open(const QString& dbPath, const QString& serverUrl, const QString& caFile);
    Q_INVOKABLE void login(const QString& user, const QString& password);
    Q_INVOKABLE void logout();
    Q_INVOKABLE void syncNow();

    // Pages' data.
    Q_INVOKABLE QVariantMap homeSummary();
    Q_INVOKABLE QVariantMap house(const QString& houseId);
    Q_INVOKABLE QVariantList residents(const QString& addressId);
    Q_INVOKABLE QVariantList visits(const QString& houseId);
    // The address tree: roads at the top (empty id), then doorplate › building › unit › floor › room.
    Q_INVOKABLE QVariantList addressChildren(const QString& addressId);
    // Houses with people living in them, optionally only those with a derived label (key_house, ...).
    Q_INVOKABLE QVariantList houses(const QString& label, int limit);
    Q_INVOKABLE QVariantMap checkIdNumber(const QString& idType, const QString& idNo);
    Q_INVOKABLE QVariantList conflicts();
    Q_INVOKABLE QVariantList rejected();
    Q_INVOKABLE QString maskId(const QString& idNo) const;
    Q_INVOKABLE QString unmaskId(const QString& personId);  // audited; only for roles that need it
    Q_INVOKABLE bool canUnmask() const;

    // Edits: each returns "" on success or the reasons (Chinese, one per line).
    Q_INVOKABLE QString confirmLiving(const QString& residenceId);
    Q_INVOKABLE QString moveOut(const QString& residenceId, const QString& date, const QString& destination);
    Q_INVOKABLE QString addResident(const QString& addressId, const QVariantMap& form);
    Q_INVOKABLE QString flagRefusal(const QString& addressId, const QString& name, const QString& reason);
    // The house's use and manual labels (codes), recorded at a visit.
    Q_INVOKABLE QString updateHouse(const QString& houseId, const QString& use, const QStringList& labels);
    Q_INVOKABLE QVariantList houseUses() const;
    Q_INVOKABLE QVariantList houseLabelChoices() const;
    // A unit and its staff roster (花名册).
    Q_INVOKABLE QVariantMap unit(const QString& unitId);
    Q_INVOKABLE QVariantList roster(const QString& unitId);
    Q_INVOKABLE QVariantList units(int limit);
    // Saved with the time, and the position when the tablet has one (lat/lon NaN otherwise).
    Q_INVOKABLE QString saveVisit(const QString& houseId, const QString& outcome, const QString& notes, int checked,
                                  double lat = qQNaN(), double lon = qQNaN());
    // Police: open flags in the area, verification with outcome and notes.
    Q_INVOKABLE QVariantList flags();
    Q_INVOKABLE QString verifyFlag(const QString& flagId, const QString& outcome, const QString& notes);
    // Break-glass: a person outside the area by document number, with a reason. Runs off the UI
    // thread; breakGlassFinished carries {ok, error, fields: [{label, value}], expires}.
    Q_INVOKABLE void breakGlass(const QString& idNo, const QString& reason);
    // Orders sent down (下发核查): receive, act, answer with feedback.
    Q_INVOKABLE QVariantList tasks();
    Q_INVOKABLE QString receiveTask(const QString& taskId);
    Q_INVOKABLE QString answerTask(const QString& taskId, const QString& feedback);
    Q_INVOKABLE QString resolveConflict(const QString& conflictId, const QString& choice, const QString& edited);

    // Drafts: a form's fields saved as they are typed, so a killed app loses nothing.
    Q_INVOKABLE void saveDraft(const QString& key, const QVariantMap& fields);
    Q_INVOKABLE QVariantMap draft(const QString& key);
    Q_INVOKABLE void clearDraft(const QString& key);

    bool loggedIn() const { return loggedIn_; }
    bool busy() const { return busy_; }
    QString userName() const { return user_; }
    QString displayName() const { return display_; }
    QString role() const { return role_; }
    bool offlineMode() const { return offline_; }
    QString syncState() const { return syncState_; }
    int pendingChanges() const { return pending_; }
    int rejectedChanges() const { return rejected_; }
    int openConflicts() const { return conflicts_; }
    QString lastSuccess() const { return lastSuccess_; }
    QString lastError() const { return lastError_; }
    int dataVersion() const { return dataVersion_; }

    fieldgrid::Store* store() const { return store_.get(); }

signals:
    void loggedInChanged();
    void busyChanged();
    void syncChanged();
    void dataChanged();
    void loginFinished(bool ok, const QString& message);
    void breakGlassFinished(const QVariantMap& result);

private:
    explicit Session(QObject* parent = nullptr);
    void refreshSync(const fieldgrid::sync::SyncStatus& s);
    fieldgrid::sync::SyncStatus localStatus();
    QString apply(const std::vector<fieldgrid::Change>& changes);
    void startSync();

    std::unique_ptr<fieldgrid::Store> store_;       // GUI thread: queries and edits
    std::unique_ptr<fieldgrid::Store> syncStore_;   // worker thread: the sync engine's connection
    std::unique_ptr<fieldgrid::sync::Transport> transport_;
    std::unique_ptr<fieldgrid::sync::SyncEngine> engine_;
    QString dbPath_, server_, ca_;
    bool loggedIn_ = false, busy_ = false, offline_ = false;
    QString user_, display_, role_;
    QString syncState_ = QStringLiteral("idle"), lastSuccess_, lastError_;
    int pending_ = 0, rejected_ = 0, conflicts_ = 0, dataVersion_ = 0;
};
