/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithKindNames: what the user's preset calls each kind of record, for every label that names
 * one. The third kind is "Deals" in the business preset and "Properties" in the real estate
 * one: the sidebar, a list's count, the New menu, the new record form and the sections of a
 * profile all ask here, so that no two places call it differently. The preset is read on the
 * store's worker, and again when a change to the store's shared names comes.
 */

#define G_LOG_DOMAIN "KithKindNames"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-kind-names.h"
#include "kith-setting.h"

#define N_WORDS (KITH_KIND_WORD_NONE_CHOSEN_HELP + 1)

struct _KithKindNames
{
  GObject       parent_instance;

  KithStore    *store;
  GCancellable *cancellable;
  gboolean      real_estate;
};

G_DEFINE_FINAL_TYPE (KithKindNames, kith_kind_names, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_REAL_ESTATE,
  PROP_DEALS,
  PROP_DEALS_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* People, companies, deals, and deals as the real estate preset calls them */
static const char *words[][N_WORDS] = {
  { N_("People"), N_("New Person"), N_("_New Person"), N_("_Add Person…"), N_("No People Yet"),
    N_("Add the people you work with, or fill Kith from your address book or a CSV file with kith-cli"),
    N_("Nobody Selected"), N_("Choose someone from the list to see their profile") },
  { N_("Companies"), N_("New Company"), N_("New _Company"), N_("_Add Company…"), N_("No Companies Yet"),
    N_("Companies come in with the people who work there, or add one"),
    N_("No Company Selected"), N_("Choose a company from the list to see its profile") },
  { N_("Deals"), N_("New Deal"), N_("New _Deal"), N_("_Add Deal…"), N_("No Deals Yet"),
    N_("Track deals with the people on them"),
    N_("No Deal Selected"), N_("Choose a deal from the list to see its profile") },
  { N_("Properties"), N_("New Property"), N_("New P_roperty"), N_("_Add Property…"), N_("No Properties Yet"),
    N_("Track properties with their buyers and sellers"),
    N_("No Property Selected"), N_("Choose a property from the list to see its profile") },
};

/* Deals' own words, and the real estate preset's */
static const char *deal_words[][KITH_DEAL_WORD_REMOVED_FROM + 1] = {
  { N_("Whom the deal goes with, and its team"), N_("Deal Team"),
    /* Translators: a button's name; %s is a person or company */
    N_("Remove “%s” From the Deal"),
    /* Translators: %s is a person or company */
    N_("“%s” removed from the deal") },
  { N_("Its buyers and sellers, and its team"), N_("Property Team"),
    /* Translators: a button's name; %s is a person or company */
    N_("Remove “%s” From the Property"),
    /* Translators: %s is a person or company */
    N_("“%s” removed from the property") },
};

static const char *icon_names[] = {
  "avatar-default-symbolic", "system-users-symbolic", "x-office-address-book-symbolic", "go-home-symbolic",
};

static void
set_real_estate (KithKindNames *self,
                 gboolean       real_estate)
{
  if (self->real_estate == real_estate)
    return;

  self->real_estate = real_estate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REAL_ESTATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEALS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEALS_ICON_NAME]);
}

static void
on_preset_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithKindNames) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *preset = kith_setting_dup_finish (KITH_STORE (source), result, &error);

  if (preset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The preset could not be read: %s", error->message);
      return;
    }

  set_real_estate (self, g_str_equal (preset, "realestate"));
}

static void
read_preset (KithKindNames *self)
{
  kith_setting_dup_async (self->store, "preset", self->cancellable, on_preset_read_cb, g_object_ref (self));
}

static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     KithKindNames    *self)
{
  /* A preset writes names that no one record owns */
  if (kith_store_changes_has_shared (changes, KITH_RECORD_PROJECT))
    read_preset (self);
}

static void
kith_kind_names_constructed (GObject *object)
{
  KithKindNames *self = KITH_KIND_NAMES (object);

  G_OBJECT_CLASS (kith_kind_names_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  read_preset (self);
}

static void
kith_kind_names_dispose (GObject *object)
{
  KithKindNames *self = KITH_KIND_NAMES (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kith_kind_names_parent_class)->dispose (object);
}

static void
kith_kind_names_finalize (GObject *object)
{
  KithKindNames *self = KITH_KIND_NAMES (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_kind_names_parent_class)->finalize (object);
}

static void
kith_kind_names_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KithKindNames *self = KITH_KIND_NAMES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_REAL_ESTATE:
      g_value_set_boolean (value, self->real_estate);
      break;
    case PROP_DEALS:
      g_value_set_string (value, kith_kind_names_get_deals (self));
      break;
    case PROP_DEALS_ICON_NAME:
      g_value_set_string (value, kith_kind_names_get_icon_name (self, KITH_RECORD_PROJECT));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_kind_names_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KithKindNames *self = KITH_KIND_NAMES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_kind_names_class_init (KithKindNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kith_kind_names_constructed;
  object_class->dispose = kith_kind_names_dispose;
  object_class->finalize = kith_kind_names_finalize;
  object_class->get_property = kith_kind_names_get_property;
  object_class->set_property = kith_kind_names_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The real estate preset is chosen: deals are properties */
  properties[PROP_REAL_ESTATE] = g_param_spec_boolean ("real-estate", NULL, NULL, FALSE,
                                                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "Deals" or "Properties", for the labels a template binds */
  properties[PROP_DEALS] = g_param_spec_string ("deals", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEALS_ICON_NAME] = g_param_spec_string ("deals-icon-name", NULL, NULL, NULL,
                                                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_kind_names_init (KithKindNames *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * kith_kind_names_new:
 * @store: whose preset names the kinds
 *
 * Returns: (transfer full): names that say "Deals" until the preset is read
 */
KithKindNames *
kith_kind_names_new (KithStore *store)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_KIND_NAMES, "store", store, NULL);
}

gboolean
kith_kind_names_get_real_estate (KithKindNames *self)
{
  g_return_val_if_fail (KITH_IS_KIND_NAMES (self), FALSE);

  return self->real_estate;
}

/**
 * kith_kind_names_get_deals:
 *
 * Returns: "Deals", or "Properties" with the real estate preset, translated
 */
const char *
kith_kind_names_get_deals (KithKindNames *self)
{
  return kith_kind_names_get (self, KITH_RECORD_PROJECT, KITH_KIND_WORD_TITLE);
}

/**
 * kith_kind_names_get:
 *
 * Returns: (transfer none): @word for @kind as the preset calls it, translated
 */
/* The row of the tables for @kind: deals have two, as the preset calls them */
static guint
row_of (KithKindNames  *self,
        KithRecordKind  kind)
{
  return kind == KITH_RECORD_PROJECT && self->real_estate ? kind + 1 : kind;
}

const char *
kith_kind_names_get (KithKindNames  *self,
                     KithRecordKind  kind,
                     KithKindWord    word)
{
  g_return_val_if_fail (KITH_IS_KIND_NAMES (self), NULL);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, NULL);
  g_return_val_if_fail (word < N_WORDS, NULL);

  return _(words[row_of (self, kind)][word]);
}

/**
 * kith_kind_names_get_deal_word:
 *
 * Returns: (transfer none): @word as the preset says it of deals; the ones with a name take it
 *   as their one `%s`
 */
const char *
kith_kind_names_get_deal_word (KithKindNames *self,
                               KithDealWord   word)
{
  g_return_val_if_fail (KITH_IS_KIND_NAMES (self), NULL);
  g_return_val_if_fail (word <= KITH_DEAL_WORD_REMOVED_FROM, NULL);

  return _(deal_words[self->real_estate ? 1 : 0][word]);
}

/**
 * kith_kind_names_get_icon_name:
 *
 * Returns: (transfer none): the symbolic icon of @kind: a house for properties
 */
const char *
kith_kind_names_get_icon_name (KithKindNames  *self,
                               KithRecordKind  kind)
{
  g_return_val_if_fail (KITH_IS_KIND_NAMES (self), NULL);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, NULL);

  return icon_names[row_of (self, kind)];
}

/**
 * kith_kind_names_format_count:
 *
 * Returns: (transfer full): "1 person", "50 properties", …
 */
char *
kith_kind_names_format_count (KithKindNames  *self,
                              KithRecordKind  kind,
                              guint           n)
{
  g_return_val_if_fail (KITH_IS_KIND_NAMES (self), NULL);

  if (kind == KITH_RECORD_PERSON)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u person", "%'u people", n), n);
  if (kind == KITH_RECORD_COMPANY)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u company", "%'u companies", n), n);
  if (self->real_estate)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u property", "%'u properties", n), n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u deal", "%'u deals", n), n);
}
