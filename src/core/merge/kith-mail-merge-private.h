/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail-merge.h"
#include "kith-statement.h"
#include "kith-templates.h"

G_BEGIN_DECLS

/* What kith-mail-merge.c and kith-mail-merge-run.c share; with the store's lock held */
typedef struct {
  gint64          id;
  KithMergeState  state;
  gint64          template_id;
  char           *account;
  char           *from_address;
  char           *from_name;
  KithMergeLimits limits;
} KithMergeRow;

void                  kith_merge_row_clear        (KithMergeRow          *row);
gboolean              kith_merge_read_locked      (KithStore             *store,
                                                   gint64                 merge_id,
                                                   KithMergeRow          *row,
                                                   GError               **error);
gboolean              kith_merge_set_state_locked (KithStore             *store,
                                                   gint64                 merge_id,
                                                   KithMergeState         state,
                                                   GError               **error);
gboolean              kith_merge_schedule_locked  (KithStore             *store,
                                                   KithMergeRow          *row,
                                                   GError               **error);
KithCompiledTemplate *kith_merge_compile_locked   (KithStore             *store,
                                                   KithMergeRow          *row,
                                                   KithTemplate         **out_template,
                                                   KithTemplateValues   **out_values,
                                                   GError               **error);
char                 *kith_merge_html_to_text     (const char            *html);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KithMergeRow, kith_merge_row_clear)

G_END_DECLS
