#pragma once
// Result rows into the row structs of the aggregate headers, by column name,
// through their Boost.Describe reflection; written once for both backends
// (store/sqlite/sqlite_rows.hpp and store/postgres/pg_rows.hpp adapt it to
// their results). Internal to store/.
//
// A member reads the result column of its own name, so select lists name
// their columns (AS for expressions) and their order does not matter. A
// std::optional<S> member of a described S reads the columns <member>_<field>
// and is set when any of them is not NULL (Message::attachment). Names are
// resolved once into a column map (the result column of every member, in
// member order); each row is then read through the map, by index.
//
// Values as the schema keeps them: integers, text (NULL reads as 0 and ""),
// std::optional of either (NULL reads as nullopt), and domain::Role as its name.
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "domain/role.hpp"
#include "store/store_error.hpp"

namespace livedesk::store::rows {

template <class T>
inline constexpr bool is_row_v = boost::describe::has_describe_members<T>::value;

template <class T>
struct is_nested_row : std::false_type {};
template <class T>
struct is_nested_row<std::optional<T>> : std::bool_constant<is_row_v<T>> {};

template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T, class Descriptor>
using member_type = std::remove_cvref_t<decltype(std::declval<T&>().*Descriptor::pointer)>;

// How many result columns a row of T reads.
template <class T>
constexpr std::size_t column_count() {
  std::size_t count = 0;
  boost::mp11::mp_for_each<members_of<T>>([&](auto member) {
    using M = member_type<T, decltype(member)>;
    if constexpr (is_nested_row<M>::value) {
      count += column_count<typename M::value_type>();
    } else {
      ++count;
    }
  });
  return count;
}

namespace detail {

// The result column named prefix + name; StoreError when the statement selects none.
template <class NameOf>
int find_column(std::string_view prefix, std::string_view name, int columns, const NameOf& name_of) {
  for (int column = 0; column < columns; ++column) {
    const std::string_view candidate = name_of(column);
    if (candidate.size() == prefix.size() + name.size() && candidate.starts_with(prefix) &&
        candidate.substr(prefix.size()) == name) {
      return column;
    }
  }
  throw StoreError("the statement selects no column \"" + std::string(prefix) + std::string(name) + "\"");
}

template <class T, class NameOf>
void map_members(std::string_view prefix, int columns, const NameOf& name_of, int* map, std::size_t& next) {
  boost::mp11::mp_for_each<members_of<T>>([&](auto member) {
    using M = member_type<T, decltype(member)>;
    if constexpr (is_nested_row<M>::value) {
      const std::string nested = std::string(prefix) + member.name + "_";
      map_members<typename M::value_type>(nested, columns, name_of, map, next);
    } else {
      map[next++] = find_column(prefix, member.name, columns, name_of);
    }
  });
}

template <class Row>
void read_value(const Row& row, int column, std::int64_t& out) {
  out = row.int64(column);
}
template <class Row>
void read_value(const Row& row, int column, int& out) {
  out = static_cast<int>(row.int64(column));
}
template <class Row>
void read_value(const Row& row, int column, std::string& out) {
  out = row.text(column);
}
template <class Row>
void read_value(const Row& row, int column, domain::Role& out) {
  const std::string name = row.text(column);
  const auto role = domain::parse_role(name);
  if (!role) throw StoreError("staff user has unknown role \"" + name + "\"");
  out = *role;
}
template <class Row, class V>
void read_value(const Row& row, int column, std::optional<V>& out) {
  if (row.is_null(column)) {
    out.reset();
  } else {
    read_value(row, column, out.emplace());
  }
}

template <class T, class Row>
void read_members(const Row& row, const int* map, std::size_t& next, T& out) {
  boost::mp11::mp_for_each<members_of<T>>([&](auto member) {
    auto& field = out.*member.pointer;
    using M = member_type<T, decltype(member)>;
    if constexpr (is_nested_row<M>::value) {
      constexpr std::size_t width = column_count<typename M::value_type>();
      bool present = false;
      for (std::size_t i = 0; i < width; ++i) present = present || !row.is_null(map[next + i]);
      if (present) {
        read_members(row, map, next, field.emplace());
      } else {
        field.reset();
        next += width;
      }
    } else {
      read_value(row, map[next++], field);
    }
  });
}

}  // namespace detail

// Fills `map` (column_count<T>() entries) with the result column of each
// member; `name_of(i)` names result column i of `columns`.
template <class T, class NameOf>
void map_columns(int columns, const NameOf& name_of, int* map) {
  static_assert(is_row_v<T>, "a row type needs BOOST_DESCRIBE_STRUCT");
  std::size_t next = 0;
  detail::map_members<T>({}, columns, name_of, map, next);
}

// One row through a map from map_columns<T>. `Row` answers is_null(column),
// int64(column) and text(column).
template <class T, class Row>
T read_row(const Row& row, const int* map) {
  T out;
  std::size_t next = 0;
  detail::read_members(row, map, next, out);
  return out;
}

}  // namespace livedesk::store::rows
