// Qt Quick tests of the app's flows, offscreen, against a real fieldgrid-server on loopback.
#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqml.h>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include "fieldgrid/store/store.h"
#include "fieldgrid/sync/engine.h"
#include "fieldgrid/sync/transport.h"

// A second tablet in the same grid, for tests that need someone else's edits (conflicts).
class OtherDevice : public QObject {
    Q_OBJECT

public:
    explicit OtherDevice(QString dir) : dir_(std::move(dir)) {}

    // Sets a residence's destination on the other tablet and syncs it to the server.
    Q_INVOKABLE bool setDestination(const QString& residenceId, const QString& destination) {
        using namespace fieldgrid;
        if (!engine_) {
            store_ = Store::open((dir_ + "/other.db").toStdString());
            net_ = std::make_unique<sync::CurlTransport>(qEnvironmentVariable("FIELDGRID_SERVER").toStdString());
            engine_ = std::make_unique<sync::SyncEngine>(*store_, *net_);
            if (!engine_->login("coordinator", "demo1234", "other").ok) return false;
        }
        if (!engine_->sync_once().ok) return false;
        auto id = Uuid::parse(residenceId.toStdString());
        if (!id) return false;
        Change c{RecordType::Residence, *id, {}};
        c.set("destination", destination.toStdString());
        if (!store_->apply(c).ok) return false;
        return engine_->sync_once().ok;
    }

private:
    QString dir_;
    std::unique_ptr<fieldgrid::Store> store_;
    std::unique_ptr<fieldgrid::sync::Transport> net_;
    std::unique_ptr<fieldgrid::sync::SyncEngine> engine_;
};

Q_IMPORT_QML_PLUGIN(FieldGridPlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void applicationAvailable() {
        QString log = dir_.filePath("server.log");
        QByteArray db = dir_.filePath("server.db").toLocal8Bit(), logb = log.toLocal8Bit();
        pid_ = fork();
        if (pid_ == 0) {
            // The server goes when its parent goes, and never holds the parent's stdout open.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            FILE* f = std::freopen(logb.constData(), "a", stderr);
            (void)f;
            execl(FIELDGRID_SERVER_BIN, FIELDGRID_SERVER_BIN, "--db", db.constData(), "--listen", "127.0.0.1:0",
                  "--demo", "--demo-persons", "2000", static_cast<char*>(nullptr));
            _exit(127);
        }
        int port = 0;
        for (int i = 0; i < 3000 && port == 0; ++i) {
            QFile f(log);
            if (f.open(QIODevice::ReadOnly)) {
                QByteArray text = f.readAll();
                int at = text.indexOf("\"event\":\"listening\"");
                if (at >= 0) port = text.mid(text.indexOf("\"port\":", at) + 7).split(',').first().toInt();
            }
            if (port == 0) QThread::msleep(10);
        }
        qputenv("FIELDGRID_SERVER", QByteArray("http://127.0.0.1:") + QByteArray::number(port));
        qputenv("FIELDGRID_DB", dir_.filePath("device.db").toLocal8Bit());
    }
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath("qrc:/qt/qml");
        if (!other_) other_ = new OtherDevice(dir_.path());
        qmlRegisterSingletonInstance("FieldGridTest", 1, 0, "OtherDevice", other_);
    }
    void cleanupTestCase() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int st = 0;
            waitpid(pid_, &st, 0);
        }
    }

private:
    QTemporaryDir dir_;
    pid_t pid_ = -1;
    OtherDevice* other_ = nullptr;
};

QUICK_TEST_MAIN_WITH_SETUP(fieldgrid_qml, Setup)

#include "tst_main.moc"
