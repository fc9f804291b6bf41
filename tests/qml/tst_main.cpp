// Qt Quick tests of the app's flows, offscreen, against a real fieldgrid-server on loopback.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(FieldGridPlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void applicationAvailable() {
        QString log = dir_.filePath("server.log");
        QByteArray db = dir_.filePath("server.db").toLocal8Bit(), logb = log.toLocal8Bit();
        pid_ = fork();
        if (pid_ == 0) {
            FILE* f = std::freopen(logb.constData(), "a", stderr);
            (void)f;
            execl(FIELDGRID_SERVER_BIN, FIELDGRID_SERVER_BIN, "--db", db.constData(), "--listen", "127.0.0.1:0",
                  "--demo", "--demo-persons", "400", static_cast<char*>(nullptr));
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
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath("qrc:/qt/qml"); }
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
};

QUICK_TEST_MAIN_WITH_SETUP(fieldgrid_qml, Setup)

#include "tst_main.moc"
