/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* The words a label needs for a kind of record */
typedef enum {
  KITH_KIND_WORD_TITLE,        /* "Deals": a page, a section */
  KITH_KIND_WORD_NEW,          /* "New Deal": a form's heading */
  KITH_KIND_WORD_NEW_ITEM,     /* "New _Deal": a menu item */
  KITH_KIND_WORD_ADD,          /* "_Add Deal…": a button */
  KITH_KIND_WORD_NONE_YET,     /* "No Deals Yet": an empty list's title */
  KITH_KIND_WORD_NONE_YET_HELP, /* what to do about it */
  KITH_KIND_WORD_NONE_CHOSEN,   /* "No Deal Selected": a profile beside its list */
  KITH_KIND_WORD_NONE_CHOSEN_HELP
} KithKindWord;

/* The words of a deal's own sentences, where people and companies have none */
typedef enum {
  KITH_DEAL_WORD_PEOPLE_HELP,   /* "Whom the deal goes with, and its team" */
  KITH_DEAL_WORD_TEAM,          /* "Deal Team": a role */
  KITH_DEAL_WORD_REMOVE_FROM,   /* "Remove “%s” From the Deal": a button, with a name */
  KITH_DEAL_WORD_REMOVED_FROM   /* "“%s” removed from the deal": a toast, with a name */
} KithDealWord;

#define KITH_TYPE_KIND_NAMES (kith_kind_names_get_type ())

G_DECLARE_FINAL_TYPE (KithKindNames, kith_kind_names, KITH, KIND_NAMES, GObject)

KithKindNames *kith_kind_names_new             (KithStore      *store);
gboolean       kith_kind_names_get_real_estate (KithKindNames  *self);
const char    *kith_kind_names_get_deals       (KithKindNames  *self);
const char    *kith_kind_names_get             (KithKindNames  *self,
                                                KithRecordKind  kind,
                                                KithKindWord    word);
const char    *kith_kind_names_get_icon_name   (KithKindNames  *self,
                                                KithRecordKind  kind);
const char    *kith_kind_names_get_deal_word   (KithKindNames  *self,
                                                KithDealWord    word);
char          *kith_kind_names_format_count    (KithKindNames  *self,
                                                KithRecordKind  kind,
                                                guint           n);

G_END_DECLS
