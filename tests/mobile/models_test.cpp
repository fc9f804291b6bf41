// The app's list models under QAbstractItemModelTester: lazy loading, resets, roles.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QAbstractItemModelTester>
#include <cmath>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/sync/accounts.h"
#include "searchmodel.h"
#include "session.h"

using namespace fieldgrid;

class ModelsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath("device.db");
        {
            auto s = Store::open(path_.toStdString());
            DemoOptions o;
            o.persons = 1500;
            build_demo_town(*s, o);
            // As after one online login: the user and the offline verifier.
            auto st = s->db().prepare(
                "INSERT INTO local_state(key, value) VALUES('sync_user', 'li'), ('sync_role', '3'), ('sync_offline_hash', ?1)");
            std::string hash = sync::hash_password("secret-pass");
            st.bind(1, std::string_view(hash));
            st.run();
        }
        session_ = Session::create(nullptr, nullptr);
        QVERIFY(session_->open(path_, QString(), QString()));
        QSignalSpy done(session_, &Session::loginFinished);
        session_->login("li", "secret-pass");  // no server configured: offline login
        QVERIFY(done.wait(10000));
        QVERIFY(session_->loggedIn());
        QVERIFY(session_->offlineMode());
    }

    void peopleLoadLazilyAPageAtATime() {
        PeopleModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m.total() > 1000);
        // (The tester itself asks for more once.) Each fetch adds one page, never everything.
        int before = m.rowCount();
        QVERIFY(before <= 2 * PeopleModel::kPage);
        QVERIFY(m.canFetchMore({}));
        m.fetchMore({});
        QCOMPARE(m.rowCount(), before + PeopleModel::kPage);
        while (m.canFetchMore({})) m.fetchMore({});
        QCOMPARE(m.rowCount(), m.total());
        QVERIFY(!m.data(m.index(0), PeopleModel::NameRole).toString().isEmpty());
        QVERIFY(m.data(m.index(0), PeopleModel::IdMaskedRole).toString().contains("**********"));
        m.reload();
        QVERIFY(m.rowCount() <= PeopleModel::kPage);
    }

    void searchPagesAndResets() {
        SearchModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&m, &SearchModel::countChanged);
        m.setQuery("z");  // every name whose pinyin starts with z: many pages
        int first = m.rowCount();
        QVERIFY(first >= int(SearchModel::kPage) && first <= int(2 * SearchModel::kPage));
        QVERIFY(m.canFetchMore({}));
        m.fetchMore({});
        QCOMPARE(m.rowCount(), first + int(SearchModel::kPage));
        QVERIFY(count.count() >= 2);
        const QString title = m.data(m.index(0), SearchModel::TitleRole).toString();
        QVERIFY(!title.isEmpty());
        m.setQuery(title);
        QVERIFY(m.rowCount() >= 1);
        QCOMPARE(m.data(m.index(0), SearchModel::TitleRole).toString(), title);
        QVERIFY(!m.houseFor(0).isEmpty());
        m.setQuery("");
        QCOMPARE(m.rowCount(), 0);
        QVERIFY(!m.canFetchMore({}));
        QCOMPARE(m.roleNames().value(SearchModel::SubtitleRole), QByteArray("subtitle"));
    }

    void maskingAndAuditedUnmasking() {
        QCOMPARE(session_->maskId("31011819900101123X"), QString("3101**********123X"));
        QVERIFY(!session_->canUnmask());  // not logged in as police
        auto st = session_->store()->db().prepare("SELECT hex(id) FROM person LIMIT 1");
        QVERIFY(st.step());
        QCOMPARE(session_->unmaskId(QString::fromStdString(st.text(0))), QString());
    }

    void englishComesFromTheTranslationFiles() {
        QTranslator en;
        QVERIFY(en.load(":/i18n/fieldgrid_en.qm"));
        QCoreApplication::installTranslator(&en);
        QCOMPARE(QCoreApplication::translate("LoginPage", "登录"), QString("Log in"));
        QCOMPARE(QCoreApplication::translate("Session", "请填写反馈"), QString("Please write an answer"));
        QCOMPARE(session_->answerTask("not-an-id", "x"), QString("Invalid record id"));
        QCoreApplication::removeTranslator(&en);
        QCOMPARE(session_->answerTask("not-an-id", "x"), QString("记录编号无效"));
    }

    void visitKeepsThePositionWhenThereIsOne() {
        auto st = session_->store()->db().prepare("SELECT hex(id) FROM house LIMIT 1");
        QVERIFY(st.step());
        QString house = QString::fromStdString(Uuid::parse(st.text(0))->str());
        QCOMPARE(session_->saveVisit(house, "done", "", 2, 31.1112, 121.0512), QString());
        QCOMPARE(session_->saveVisit(house, "nobody_home", "", 0), QString());  // no position: saved without
        auto v = session_->store()->db().prepare(
            "SELECT lat, lon, outcome FROM visit WHERE house_id = (SELECT id FROM house LIMIT 1) ORDER BY visited_at DESC");
        int with = 0, without = 0;
        while (v.step()) {
            if (v.is_null(0)) ++without;
            else if (std::abs(v.real(0) - 31.1112) < 1e-9 && std::abs(v.real(1) - 121.0512) < 1e-9) ++with;
        }
        QVERIFY(with >= 1);
        QVERIFY(without >= 1);
    }

    // A draft is written as it is typed: killing the app (SIGKILL, no clean-up) loses nothing.
    void draftSurvivesTheAppBeingKilled() {
        QString path = dir_.filePath("kill.db");
        pid_t pid = fork();
        if (pid == 0) {
            Session* s = Session::create(nullptr, nullptr);
            s->open(path, QString(), QString());
            s->saveDraft("resident:x", {{"name", QString("草稿人")}, {"idNo", QString("110101491001001")}});
            raise(SIGKILL);
            _exit(1);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        QVERIFY(WIFSIGNALED(status));
        auto store = Store::open(path.toStdString());
        auto st = store->db().prepare("SELECT fields FROM app_draft WHERE key='resident:x'");
        QVERIFY(st.step());
        QVERIFY(QString::fromStdString(st.text(0)).contains("草稿人"));
    }

private:
    QTemporaryDir dir_;
    QString path_;
    Session* session_ = nullptr;
};

QTEST_GUILESS_MAIN(ModelsTest)
#include "models_test.moc"
