/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KITH_TYPE_FROM_ADDRESS (kith_from_address_get_type ())
G_DECLARE_FINAL_TYPE (KithFromAddress, kith_from_address, KITH, FROM_ADDRESS, GObject)

const char *kith_from_address_get_account   (KithFromAddress *self);
const char *kith_from_address_get_address   (KithFromAddress *self);
const char *kith_from_address_get_name      (KithFromAddress *self);
const char *kith_from_address_get_smtp_host (KithFromAddress *self);
const char *kith_from_address_get_label     (KithFromAddress *self);

#define KITH_TYPE_FROM_LIST (kith_from_list_get_type ())
G_DECLARE_FINAL_TYPE (KithFromList, kith_from_list, KITH, FROM_LIST, GObject)

KithFromList *kith_from_list_new  (GListModel   *accounts);
void          kith_from_list_set_accounts (KithFromList *self,
                                           GListModel   *accounts);
void          kith_from_list_reload (KithFromList *self);
guint         kith_from_list_find (KithFromList *self,
                                   const char   *account,
                                   const char   *address);

G_END_DECLS
