#include "searchmodel.h"

#include "session.h"

using namespace fieldgrid;

namespace {
QString matchZh(MatchKind m) {
    switch (m) {
        case MatchKind::IdNumber: return QObject::tr("证件号码");
        case MatchKind::Phone: return QObject::tr("电话");
        case MatchKind::UnitCode: return QObject::tr("信用代码");
        case MatchKind::Name:
        case MatchKind::NamePrefix: return QObject::tr("姓名");
        case MatchKind::Pinyin:
        case MatchKind::PinyinPrefix: return QObject::tr("拼音");
        case MatchKind::Initials:
        case MatchKind::InitialsPrefix: return QObject::tr("首字母");
        case MatchKind::UnitName: return QObject::tr("单位名称");
        case MatchKind::AddressText: return QObject::tr("地址");
    }
    return {};
}
}  // namespace

SearchModel::SearchModel(QObject* parent) : QAbstractListModel(parent) {}

int SearchModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(hits_.size());
}

QVariant SearchModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto& h = hits_[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
        case TitleRole: return QString::fromStdString(h.title);
        case KindRole: return QString::fromStdString(std::string(hit_kind_name(h.kind)));
        case SubtitleRole: return QString::fromStdString(h.subtitle);
        case RecordIdRole: return QString::fromStdString(h.id.str());
        case MatchRole: return matchZh(h.match);
        case HouseIdRole: return houseFor(index.row());
    }
    return {};
}

QHash<int, QByteArray> SearchModel::roleNames() const {
    return {{KindRole, "kind"},           {TitleRole, "title"}, {SubtitleRole, "subtitle"},
            {RecordIdRole, "recordId"},   {MatchRole, "match"}, {HouseIdRole, "houseId"}};
}

bool SearchModel::canFetchMore(const QModelIndex& parent) const { return !parent.isValid() && more_ && !fetching_; }

void SearchModel::fetchMore(const QModelIndex& parent) {
    if (parent.isValid() || !more_ || fetching_ || !Session::instance() || !Session::instance()->store()) return;
    fetching_ = true;
    SearchQuery q;
    q.text = query_.toStdString();
    q.offset = hits_.size();
    q.limit = kPage;
    auto page = search(Session::instance()->store()->db(), q);
    more_ = page.more;
    if (!page.hits.empty()) {
        beginInsertRows({}, static_cast<int>(hits_.size()), static_cast<int>(hits_.size() + page.hits.size()) - 1);
        hits_.insert(hits_.end(), page.hits.begin(), page.hits.end());
        endInsertRows();
    }
    fetching_ = false;
    if (!page.hits.empty()) emit countChanged();
}

void SearchModel::setQuery(const QString& q) {
    if (q == query_) return;
    query_ = q;
    fetching_ = true;
    beginResetModel();
    hits_.clear();
    more_ = !q.trimmed().isEmpty();
    endResetModel();
    fetching_ = false;
    emit queryChanged();
    fetchMore({});
    emit countChanged();
}

QString SearchModel::houseFor(int row) const {
    if (row < 0 || static_cast<size_t>(row) >= hits_.size() || !Session::instance()) return {};
    const auto& h = hits_[static_cast<size_t>(row)];
    Database& db = Session::instance()->store()->db();
    if (h.kind == HitKind::House) return QString::fromStdString(h.id.str());
    // A person's house: the house at (or above) the address they live at.
    const char* sql = h.kind == HitKind::Person
                          ? "WITH RECURSIVE up(id, d) AS (SELECT address_id, 0 FROM residence WHERE person_id=?1"
                            " AND status='living' UNION ALL SELECT a.parent_id, up.d + 1 FROM address a JOIN up ON a.id = up.id"
                            " WHERE a.parent_id IS NOT NULL) SELECT h.id FROM up JOIN house h ON h.address_id = up.id"
                            " ORDER BY up.d LIMIT 1"
                          : "WITH RECURSIVE up(id, d) AS (SELECT ?1, 0 UNION ALL SELECT a.parent_id, up.d + 1"
                            " FROM address a JOIN up ON a.id = up.id WHERE a.parent_id IS NOT NULL)"
                            " SELECT h.id FROM up JOIN house h ON h.address_id = up.id ORDER BY up.d LIMIT 1";
    Uuid key = h.id;
    if (h.kind == HitKind::Unit) {
        auto u = Session::instance()->store()->get(RecordType::Unit, h.id);
        if (!u || !u->ref("address_id")) return {};
        key = *u->ref("address_id");
        sql = "WITH RECURSIVE up(id, d) AS (SELECT ?1, 0 UNION ALL SELECT a.parent_id, up.d + 1"
              " FROM address a JOIN up ON a.id = up.id WHERE a.parent_id IS NOT NULL)"
              " SELECT h.id FROM up JOIN house h ON h.address_id = up.id ORDER BY up.d LIMIT 1";
    }
    auto st = db.prepare(sql);
    st.bind_blob(1, key.bytes.data(), 16);
    if (!st.step()) return {};
    auto b = st.blob(0);
    return QString::fromStdString(Uuid::from_bytes(b.data(), b.size()).str());
}

PeopleModel::PeopleModel(QObject* parent) : QAbstractListModel(parent) { reload(); }

int PeopleModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }

QVariant PeopleModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
        case NameRole: return r.name;
        case PersonIdRole: return r.id;
        case WhereRole: return r.where;
        case IdMaskedRole: return r.masked;
        case CategoryRole: return r.category;
    }
    return {};
}

QHash<int, QByteArray> PeopleModel::roleNames() const {
    return {{PersonIdRole, "personId"}, {NameRole, "name"}, {WhereRole, "where"}, {IdMaskedRole, "idMasked"},
            {CategoryRole, "category"}};
}

bool PeopleModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !fetching_ && static_cast<int>(rows_.size()) < total_;
}

void PeopleModel::fetchMore(const QModelIndex& parent) {
    if (parent.isValid() || fetching_ || !Session::instance() || !Session::instance()->store()) return;
    Database& db = Session::instance()->store()->db();
    // Keyset paging by residence id: each page is one short index walk, however deep the list.
    auto st = db.prepare(
        "SELECT p.id, p.name, a._full, p.id_no, r.category, r.id FROM residence r JOIN person p ON p.id = r.person_id"
        " JOIN address a ON a.id = r.address_id WHERE r.status='living' AND r.id > ?2 ORDER BY r.id LIMIT ?1");
    st.bind(1, int64_t{kPage}).bind_blob(2, last_.data(), last_.size());
    std::vector<Row> page;
    while (st.step()) {
        auto b = st.blob(0);
        QString id = QString::fromStdString(st.text(3));
        page.push_back(Row{QString::fromStdString(Uuid::from_bytes(b.data(), b.size()).str()),
                           QString::fromStdString(st.text(1)), QString::fromStdString(st.text(2)),
                           Session::instance()->maskId(id), QString::fromStdString(st.text(4))});
        last_ = std::string(st.blob(5));
    }
    if (page.empty()) {
        total_ = static_cast<int>(rows_.size());
        emit totalChanged();
        return;
    }
    fetching_ = true;
    beginInsertRows({}, static_cast<int>(rows_.size()), static_cast<int>(rows_.size() + page.size()) - 1);
    rows_.insert(rows_.end(), page.begin(), page.end());
    endInsertRows();
    fetching_ = false;
}

void PeopleModel::reload() {
    fetching_ = true;  // no fetching while the reset is being announced
    beginResetModel();
    rows_.clear();
    last_.clear();
    total_ = 0;
    if (Session::instance() && Session::instance()->store())
        total_ = static_cast<int>(
            Session::instance()->store()->db().scalar_int("SELECT count(*) FROM residence WHERE status='living'"));
    endResetModel();
    fetching_ = false;
    emit totalChanged();
}
