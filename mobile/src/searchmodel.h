#pragma once
// Results of the one search box, ranked and loaded a page at a time.
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "fieldgrid/search/search.h"

class SearchModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_DISABLE_COPY_MOVE(SearchModel)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Roles { KindRole = Qt::UserRole + 1, TitleRole, SubtitleRole, RecordIdRole, MatchRole, HouseIdRole };
    explicit SearchModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    QString query() const { return query_; }
    void setQuery(const QString& q);
    Q_INVOKABLE QString houseFor(int row) const;  // the house a hit leads to, if any

    static constexpr size_t kPage = 30;

signals:
    void queryChanged();
    void countChanged();

private:
    QString query_;
    std::vector<fieldgrid::SearchHit> hits_;
    bool more_ = false;
    bool fetching_ = false;  // views may ask for more while rows are being inserted
};

// The residents of the device's area, lazily: a grid of 10,000 people loads 100 at a time.
class PeopleModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_DISABLE_COPY_MOVE(PeopleModel)
    Q_PROPERTY(int total READ total NOTIFY totalChanged)

public:
    enum Roles { PersonIdRole = Qt::UserRole + 1, NameRole, WhereRole, IdMaskedRole, CategoryRole };
    explicit PeopleModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    int total() const { return total_; }
    Q_INVOKABLE void reload();

    static constexpr int kPage = 100;

signals:
    void totalChanged();

private:
    struct Row {
        QString id, name, where, masked, category;
    };
    std::vector<Row> rows_;
    std::string last_;  // the last residence id loaded
    bool fetching_ = false;
    int total_ = 0;
};
