// Where the index lives when no --index is given. Both programs use this, so
// they always agree.
#ifndef SOUSUO_COMMON_INDEX_PATH_H_
#define SOUSUO_COMMON_INDEX_PATH_H_

#include <string>

namespace sousuo {

// Returns `flag` if not empty; else $SOUSUO_INDEX if set and not empty; else
// $XDG_DATA_HOME/sousuo/index; else $HOME/.local/share/sousuo/index. Throws
// Error if none of these can be determined.
std::string ResolveIndexPath(const std::string& flag);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_PATH_H_
