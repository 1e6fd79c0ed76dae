// Tree blobs (the plaintext after authentication): Tree::parse on any bytes, and what it
// accepts is written back by serialize() and read again to the same tree.
#include "FuzzSupport.h"

#include "repo/Tree.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto tree = Tree::parse(fuzz::input(data, size));
    if (!tree)
        return 0;
    for (const Node &n : tree->nodes)
        fuzz::check(tree->find(n.name) == &n, "find() returns each entry of a parsed tree");
    const QByteArray once = tree->serialize();
    auto again = Tree::parse(once);
    fuzz::check(again.ok(), "a parsed tree, serialized, parses again");
    fuzz::check(again->nodes.size() == tree->nodes.size(), "the same number of entries after a round trip");
    fuzz::check(again->serialize() == once, "a round trip changes nothing");
    return 0;
}
