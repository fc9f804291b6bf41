#pragma once
// Values to and from their protobuf form (change.proto), and a record's state as changes.
#include "fieldgrid/records/record.h"
#include "fieldgrid/v1/change.pb.h"

namespace fieldgrid {

void to_proto(const Value& v, fieldgrid::v1::Value* out);
[[nodiscard]] Value from_proto(const fieldgrid::v1::Value& v);
[[nodiscard]] std::string value_bytes(const Value& v);  // serialized fieldgrid.v1.Value

}  // namespace fieldgrid
