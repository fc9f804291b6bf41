// fieldgrid-app: a thin main; everything lives in the FieldGrid QML module and its C++ types.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(FieldGridPlugin)

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("fieldgrid");
    QQuickStyle::setStyle("Basic");
    QQmlApplicationEngine engine;
    engine.addImportPath("qrc:/qt/qml");
    engine.load(QUrl("qrc:/qt/qml/FieldGrid/Main.qml"));
    if (engine.rootObjects().isEmpty()) return 1;
    return app.exec();
}
