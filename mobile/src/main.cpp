// fieldgrid-app: a thin main; everything lives in the FieldGrid QML module and its C++ types.
// FIELDGRID_DB, FIELDGRID_SERVER, FIELDGRID_CA configure the session; FIELDGRID_USER and
// FIELDGRID_PASSWORD log in at start (the demo); FIELDGRID_LANG=en shows English.
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

#include <fstream>

#include "session.h"

Q_IMPORT_QML_PLUGIN(FieldGridPlugin)

namespace {
// Pages pushed on a StackView are visual children only: search the item tree.
QQuickItem* find_item(QQuickItem* root, const QString& name) {
    if (!root) return nullptr;
    if (root->objectName() == name) return root;
    for (auto* child : root->childItems())
        if (auto* found = find_item(child, name)) return found;
    return nullptr;
}

long rss_kb() {
    std::ifstream s("/proc/self/status");
    for (std::string l; std::getline(s, l);)
        if (l.rfind("VmRSS:", 0) == 0) return std::atol(l.c_str() + 6);
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    QElapsedTimer started;
    started.start();
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("fieldgrid");
    QQuickStyle::setStyle("Basic");
    QTranslator english;
    if (qEnvironmentVariable("FIELDGRID_LANG") == QLatin1String("en") && english.load(":/i18n/fieldgrid_en.qm"))
        QGuiApplication::installTranslator(&english);
    QQmlApplicationEngine engine;
    engine.addImportPath("qrc:/qt/qml");
    engine.load(QUrl("qrc:/qt/qml/FieldGrid/Main.qml"));
    if (engine.rootObjects().isEmpty()) return 1;
    if (Session* s = Session::instance(); s && qEnvironmentVariableIsSet("FIELDGRID_USER"))
        s->login(qEnvironmentVariable("FIELDGRID_USER"), qEnvironmentVariable("FIELDGRID_PASSWORD"));
    // For the start-up benchmark: report when the home screen is up, then quit.
    if (qEnvironmentVariableIsSet("FIELDGRID_EXIT_AT_HOME")) {
        auto* timer = new QTimer(&app);
        QObject::connect(timer, &QTimer::timeout, &app, [&engine, &started, timer] {
            auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
            auto* home = window ? find_item(window->contentItem(), "homePage") : nullptr;
            // FIELDGRID_EXIT_AT_HOME=synced also waits for the first sync to settle.
            bool wait_sync = qEnvironmentVariable("FIELDGRID_EXIT_AT_HOME") == QLatin1String("synced");
            Session* s = Session::instance();
            bool synced = !wait_sync || (s && s->dataVersion() > 0 && s->syncState() == QLatin1String("idle"));
            if (home && home->isVisible() && home->width() > 0 && synced) {
                timer->stop();
                QTimer::singleShot(0, [&started] {
                    std::printf("home screen after %lld ms, resident memory %ld KB\n",
                                static_cast<long long>(started.elapsed()), rss_kb());
                    std::fflush(stdout);
                    QGuiApplication::quit();
                });
            } else if (started.elapsed() > 60000) {
                std::printf("home screen did not appear\n");
                QGuiApplication::exit(1);
            }
        });
        timer->start(5);
    }
    return app.exec();
}
