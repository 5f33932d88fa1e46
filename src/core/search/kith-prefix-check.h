/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

typedef struct _KithPrefixCheck KithPrefixCheck;

KithPrefixCheck *kith_prefix_check_new     (KithStore         *store,
                                            GError           **error);
void             kith_prefix_check_free    (KithPrefixCheck   *self);
gboolean         kith_prefix_check_add     (KithPrefixCheck   *self,
                                            const char *const *words,
                                            const char        *column);
gboolean         kith_prefix_check_matches (KithPrefixCheck   *self,
                                            gint64             id,
                                            gboolean          *out_match,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithPrefixCheck, kith_prefix_check_free)

G_END_DECLS
