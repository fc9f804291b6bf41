// Renders the app's main pages with a demo town into PNG files (offscreen), for the README.
// Usage: fieldgrid-screenshots OUTPUT_DIR SERVER_BINARY
#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickView>
#include <QTemporaryDir>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>

#include "session.h"

Q_IMPORT_QML_PLUGIN(FieldGridPlugin)

namespace {

bool waitFor(const std::function<bool()>& done, int ms) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return done();
}

bool shoot(QQmlEngine& engine, const QString& qml, const QVariantMap& props, const QString& file, QSize size,
           const std::function<void(QQuickItem*)>& prepare = {}) {
    QQuickView view(&engine, nullptr);
    view.setResizeMode(QQuickView::SizeRootObjectToView);
    view.resize(size);
    QQmlComponent c(&engine);
    c.setData(("import QtQuick\nimport FieldGrid\n" + qml).toUtf8(), QUrl("qrc:/screenshot.qml"));
    QObject* obj = c.createWithInitialProperties(props);
    auto* item = qobject_cast<QQuickItem*>(obj);
    if (!item) {
        qWarning("%s: %s", qPrintable(file), qPrintable(c.errorString()));
        return false;
    }
    view.setContent(QUrl(), &c, item);
    view.show();
    if (prepare) prepare(item);
    waitFor([] { return false; }, 400);  // let bindings, images and fonts settle
    QImage img = view.grabWindow();
    bool ok = img.save(file);
    qInfo("%s %s", ok ? "wrote" : "FAILED", qPrintable(file));
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle("Basic");
    if (argc < 3) {
        qWarning("usage: fieldgrid-screenshots OUTPUT_DIR SERVER_BINARY");
        return 2;
    }
    QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    QTemporaryDir dir;
    QString log = dir.filePath("server.log");
    QByteArray db = dir.filePath("server.db").toLocal8Bit(), logb = log.toLocal8Bit();
    pid_t pid = fork();
    if (pid == 0) {
        // The server goes when its parent goes, and never holds the parent's stdout open.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            FILE* f = std::freopen(logb.constData(), "a", stderr);
        (void)f;
        execl(argv[2], argv[2], "--db", db.constData(), "--listen", "127.0.0.1:0", "--demo", "--demo-persons", "4000",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    int port = 0;
    waitFor([&] {
        QFile f(log);
        if (f.open(QIODevice::ReadOnly)) {
            QByteArray t = f.readAll();
            int at = t.indexOf("\"event\":\"listening\"");
            if (at >= 0) port = t.mid(t.indexOf("\"port\":", at) + 7).split(',').first().toInt();
        }
        return port != 0;
    }, 120000);
    qputenv("FIELDGRID_SERVER", QByteArray("http://127.0.0.1:") + QByteArray::number(port));
    qputenv("FIELDGRID_DB", dir.filePath("device.db").toLocal8Bit());

    QQmlEngine engine;
    engine.addImportPath("qrc:/qt/qml");
    Session* s = Session::create(&engine, &engine);
    const QSize tablet(1280, 800), phone(420, 860);
    int failures = 0;
    failures += !shoot(engine, "LoginPage { }", {}, out + "/login.png", tablet, [](QQuickItem* i) {
        i->findChild<QObject*>("userField")->setProperty("text", "coordinator");
        i->findChild<QObject*>("passwordField")->setProperty("text", "demo1234");
    });
    s->login("coordinator", "demo1234");
    waitFor([&] { return s->loggedIn() && s->dataVersion() > 0 && s->syncState() == "idle"; }, 60000);
    failures += !shoot(engine, "HomePage { }", {}, out + "/home.png", tablet);
    failures += !shoot(engine, "HomePage { }", {}, out + "/home-phone.png", phone);
    QVariantList houses = s->houses("key_house", 1);
    QString house = houses.isEmpty() ? s->houses("", 1).value(0).toMap().value("id").toString()
                                     : houses.value(0).toMap().value("id").toString();
    QVariantList people = s->residents(s->house(house).value("addressId").toString());
    QString name = people.value(0).toMap().value("name").toString();
    failures += !shoot(engine, "SearchPage { }", {{"initialQuery", name.left(1)}}, out + "/search.png", tablet);
    failures += !shoot(engine, "HousePage { }", {{"houseId", house}}, out + "/house-visit.png", tablet);
    failures += !shoot(engine, "ResidentForm { }", {{"addressId", s->house(house).value("addressId")}},
                       out + "/new-resident.png", tablet, [](QQuickItem* i) {
                           i->findChild<QObject*>("idNo")->setProperty("text", "110101491001001");
                           i->findChild<QObject*>("name")->setProperty("text", "张三");
                       });
    failures += !shoot(engine, "TasksPage { }", {}, out + "/tasks.png", tablet);
    failures += !shoot(engine, "SyncPage { }", {}, out + "/sync.png", tablet);
    s->logout();
    s->login("police", "demo1234");
    waitFor([&] { return s->loggedIn() && s->syncState() == "idle"; }, 60000);
    failures += !shoot(engine, "PolicePage { }", {}, out + "/police.png", tablet);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    return failures == 0 ? 0 : 1;
}
