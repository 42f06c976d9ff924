// The AWS target's JSON document type: nlohmann's basic_json over an insertion-ordered object
// whose entries move, not copy, when the object grows.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>
#include "nlohmann/json.hpp"

namespace caios::aws {

// An object in insertion order, as nlohmann::ordered_map, with one difference that matters for
// speed (docs/performance.md, "Objects that grow without copying"): its entries are
// `std::pair<Key, T>`, not `std::pair<const Key, T>`. A pair with a const key cannot be moved
// without a possible exception (the key is copied), so std::vector copied every entry, deeply,
// each time an object grew past its capacity; 12% of `caios build`'s instructions at N = 1000.
// These pairs move, so growing costs a few pointer copies per entry. Lookups are linear scans,
// as in ordered_map: the objects the target builds are small (the template's `Resources`, the
// one large object, is kept in an index by cloudformation/stack.h). The key is mutable only
// through this container's iterators, which nothing in the target uses to change a key.
//
// The template parameters are basic_json's ObjectType contract; the comparator and allocator
// it passes are not used.
template <class Key, class T, class IgnoredLess = std::less<Key>,
          class IgnoredAllocator = std::allocator<std::pair<const Key, T>>>
class InsertionOrderedMap : public std::vector<std::pair<Key, T>> {
 public:
  using key_type = Key;
  using mapped_type = T;
  using Container = std::vector<std::pair<Key, T>>;
  using iterator = typename Container::iterator;
  using const_iterator = typename Container::const_iterator;
  using size_type = typename Container::size_type;
  using value_type = typename Container::value_type;
  using key_compare = std::equal_to<>;

  InsertionOrderedMap() noexcept = default;
  explicit InsertionOrderedMap(const IgnoredAllocator&) noexcept {}
  template <class It>
  InsertionOrderedMap(It first, It last, const IgnoredAllocator& = IgnoredAllocator()) {
    insert(first, last);
  }
  InsertionOrderedMap(std::initializer_list<value_type> init,
                      const IgnoredAllocator& = IgnoredAllocator()) {
    insert(init.begin(), init.end());
  }

  // A key the object has already keeps its value (std::map's emplace).
  template <class KeyType, class Value>
  std::pair<iterator, bool> emplace(KeyType&& key, Value&& value) {
    if (iterator it = find(key); it != this->end()) return {it, false};
    Container::emplace_back(std::forward<KeyType>(key), std::forward<Value>(value));
    return {std::prev(this->end()), true};
  }

  template <class KeyType>
  T& operator[](KeyType&& key) {
    return emplace(std::forward<KeyType>(key), T{}).first->second;
  }
  template <class KeyType>
  const T& operator[](KeyType&& key) const {
    return at(key);
  }

  template <class KeyType>
  T& at(const KeyType& key) {
    if (iterator it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }
  template <class KeyType>
  const T& at(const KeyType& key) const {
    if (const_iterator it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }

  template <class KeyType>
  iterator find(const KeyType& key) {
    return std::find_if(this->begin(), this->end(),
                        [&](const value_type& entry) { return entry.first == key; });
  }
  template <class KeyType>
  const_iterator find(const KeyType& key) const {
    return std::find_if(this->begin(), this->end(),
                        [&](const value_type& entry) { return entry.first == key; });
  }
  template <class KeyType>
  size_type count(const KeyType& key) const {
    return find(key) == this->end() ? 0 : 1;
  }

  template <class KeyType,
            class = std::enable_if_t<!std::is_convertible_v<KeyType, const_iterator>>>
  size_type erase(const KeyType& key) {
    iterator it = find(key);
    if (it == this->end()) return 0;
    Container::erase(it);
    return 1;
  }
  iterator erase(iterator pos) { return Container::erase(pos); }
  iterator erase(iterator first, iterator last) { return Container::erase(first, last); }

  std::pair<iterator, bool> insert(value_type&& entry) {
    return emplace(std::move(entry.first), std::move(entry.second));
  }
  std::pair<iterator, bool> insert(const value_type& entry) {
    return emplace(entry.first, entry.second);
  }
  template <class It>
  void insert(It first, It last) {
    for (; first != last; ++first) emplace(first->first, first->second);
  }
};

using Json = nlohmann::basic_json<InsertionOrderedMap>;

}  // namespace caios::aws
