/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-kind-names.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_LIST_PAGE (kith_list_page_get_type ())
G_DECLARE_FINAL_TYPE (KithListPage, kith_list_page, KITH, LIST_PAGE, GtkWidget)

GtkWidget      *kith_list_page_new              (KithStore      *store,
                                                 KithStore      *reader,
                                                 KithKindNames  *names,
                                                 KithRecordKind  kind,
                                                 GSettings      *settings);
void            kith_list_page_set_query        (KithListPage   *self,
                                                 const char     *query);
void            kith_list_page_set_show_back    (KithListPage   *self,
                                                 gboolean        show);
void            kith_list_page_scroll_to_end    (KithListPage   *self);
void            kith_list_page_select_record    (KithListPage   *self,
                                                 gint64          id);
gint64          kith_list_page_get_selected_record (KithListPage *self);
void            kith_list_page_load             (KithListPage   *self);
gboolean        kith_list_page_get_loaded       (KithListPage   *self);

G_END_DECLS
