/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithVCard"

#include "config.h"

#include <glib/gi18n.h>
#include <libebook-contacts/libebook-contacts.h>
#include <string.h>

#include "kith-vcard-card.h"
#include "kith-vcard-fields.h"

/*
 * A card of a vCard file (3.0 or 4.0, as Apple Contacts, Google, Outlook and Evolution write
 * them) read with EVCard into a record's typed values (KithRecordValues), for the import's
 * bulk path: the standard properties into Kith's fields, Kith's own X-KITH-* properties back
 * into its CRM fields, and every other property kept aside, as vCard text, for the export to
 * write back.
 */

/* Properties that make the record as a whole (its kind, its name) or say who wrote the card:
 * read, or of no use to keep. The others are read by read_attribute () when Kith has a field
 * for them on the record's kind, and kept otherwise. */
static const char *const whole_card_properties[] = {
  "VERSION", "PRODID", "REV", "KIND", "X-ABSHOWAS", "FN", "N", "ORG",
};

void
kith_vcard_card_clear (KithVCardCard *card)
{
  g_clear_pointer (&card->values, kith_record_values_free);
  g_clear_pointer (&card->extra, g_free);
  g_clear_pointer (&card->photo, g_bytes_unref);
}

/* The @i-th value of @attr ("" when it has fewer) */
static const char *
value_at (EVCardAttribute *attr,
          guint            i)
{
  const char *value = g_list_nth_data (e_vcard_attribute_get_values (attr), i);

  return value != NULL ? value : "";
}

static const char *
param_value (EVCardAttribute *attr,
             const char      *name)
{
  GList *values = e_vcard_attribute_get_param (attr, name);

  return values != NULL ? values->data : NULL;
}

static gboolean
is_named (EVCardAttribute *attr,
          const char      *name)
{
  return g_ascii_strcasecmp (e_vcard_attribute_get_name (attr), name) == 0;
}

static EVCardAttribute *
find_attribute (EVCard     *vcard,
                const char *name)
{
  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    if (is_named (l->data, name))
      return l->data;

  return NULL;
}

/* The field a member of docs/json.md names (the X-KITH-* and social profile tables name them so) */
static KithField
field_of_member (const char *member)
{
  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    if (strcmp (kith_field_info (f)->member, member) == 0)
      return f;

  g_return_val_if_reached (KITH_N_FIELDS);
}

/* The first value of @field a card gives is the record's; an empty one is none */
static void
set_text (KithRecordValues *values,
          KithField         field,
          const char       *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*stripped != '\0' && !values->fields[field].set)
    kith_record_values_set_text (values, field, stripped);
}

/* @text, stripped, after the items @field (a list of strings) has */
static void
append_string (KithRecordValues *values,
               KithField         field,
               const char       *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    return;
  if (values->fields[field].set)
    g_strv_builder_addv (builder, (const char **) values->fields[field].strv);
  g_strv_builder_add (builder, stripped);
  kith_record_values_take_strv (values, field, g_strv_builder_end (builder));
}

/* An empty part of a list item is none */
static char *
dup_part (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* Apple's label of a grouped property: item1.EMAIL with item1.X-ABLabel:_$!<Work>!$_ */
static const char *
apple_label (EVCard          *vcard,
             EVCardAttribute *attr)
{
  const char *group = e_vcard_attribute_get_group (attr);

  if (group == NULL)
    return NULL;
  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    if (is_named (l->data, "X-ABLabel") && g_strcmp0 (e_vcard_attribute_get_group (l->data), group) == 0)
      return value_at (l->data, 0);

  return NULL;
}

/* work, home or mobile: by TYPE, else by Apple's label */
static const char *
label_of (EVCard          *vcard,
          EVCardAttribute *attr,
          gboolean         phone)
{
  const char *label;

  if (e_vcard_attribute_has_type (attr, "work"))
    return "work";
  if (e_vcard_attribute_has_type (attr, "home"))
    return "home";
  if (phone && e_vcard_attribute_has_type (attr, "cell"))
    return "mobile";

  label = apple_label (vcard, attr);
  if (label == NULL)
    return NULL;
  if (strstr (label, "Work") != NULL || g_ascii_strcasecmp (label, "work") == 0)
    return "work";
  if (strstr (label, "Home") != NULL || g_ascii_strcasecmp (label, "home") == 0)
    return "home";
  if (phone && (strstr (label, "Mobile") != NULL || strstr (label, "iPhone") != NULL))
    return "mobile";

  return NULL;
}

static gboolean
is_preferred (EVCardAttribute *attr)
{
  return e_vcard_attribute_has_type (attr, "pref") || param_value (attr, "PREF") != NULL;
}

static void
add_channel (KithRecordValues *values,
             KithField         field,
             const char       *value,
             const char       *label,
             gboolean          preferred)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  if (*stripped == '\0')
    return;
  g_ptr_array_add (kith_record_values_list (values, field), kith_record_channel_new (stripped, label, preferred));
}

static void
read_tel (EVCard           *vcard,
          EVCardAttribute  *attr,
          KithRecordValues *values)
{
  const char *value = value_at (attr, 0);

  if (g_ascii_strncasecmp (value, "tel:", 4) == 0)
    value += 4;
  if (e_vcard_attribute_has_type (attr, "fax"))
    add_channel (values, KITH_FIELD_FAXES, value, NULL, FALSE);
  else
    add_channel (values, KITH_FIELD_PHONES, value, label_of (vcard, attr, TRUE), is_preferred (attr));
}

/* Google writes "https\\://…", escaping what needs no escape; EVCard leaves it */
static void
read_url (EVCardAttribute  *attr,
          KithRecordValues *values)
{
  g_autoptr(GString) url = g_string_new (value_at (attr, 0));

  g_string_replace (url, "\\:", ":", 0);
  add_channel (values, KITH_FIELD_URLS, url->str, NULL, FALSE);
}

/* ADR: post office box; extended address; street; locality; region; postal code; country */
static void
read_adr (EVCard           *vcard,
          EVCardAttribute  *attr,
          KithRecordValues *values)
{
  g_autoptr(GStrvBuilder) street = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  const char *label = label_of (vcard, attr, FALSE);
  const char *lat = param_value (attr, KITH_VCARD_LATITUDE);
  const char *lng = param_value (attr, KITH_VCARD_LONGITUDE);
  KithRecordAddress *a;

  for (guint i = 0; i < 3; i++)
    if (*value_at (attr, i) != '\0')
      g_strv_builder_add (street, value_at (attr, i));
  lines = g_strv_builder_end (street);
  joined = g_strjoinv (", ", lines);

  a = kith_record_address_new (NULL);
  a->street = dup_part (joined);
  a->city = dup_part (value_at (attr, 3));
  a->state = dup_part (value_at (attr, 4));
  a->postal = dup_part (value_at (attr, 5));
  a->country = dup_part (value_at (attr, 6));
  a->label = g_strdup (label);
  if (lat != NULL && lng != NULL)
    {
      a->has_position = TRUE;
      a->lat = g_ascii_strtod (lat, NULL);
      a->lng = g_ascii_strtod (lng, NULL);
    }
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_ADDRESSES), a);
}

/* 1815-12-10, 18151210, --1210, --12-10, with or without a time: YYYY-MM-DD or --MM-DD */
static char *
normalize_date (const char *value)
{
  g_autofree char *digits = g_strndup (value, strcspn (value, "Tt"));
  g_autoptr(GString) kept = g_string_new (NULL);
  gboolean no_year = g_str_has_prefix (digits, "--");

  for (const char *p = digits; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (kept, *p);
    else if (*p != '-')
      return g_strdup (value);

  if (no_year && kept->len == 4)
    return g_strdup_printf ("--%.2s-%.2s", kept->str, kept->str + 2);
  if (!no_year && kept->len == 8)
    return g_strdup_printf ("%.4s-%.2s-%.2s", kept->str, kept->str + 4, kept->str + 6);

  return g_strdup (value);
}

static void
add_occasion (KithRecordValues *values,
              const char       *label,
              const char       *date)
{
  KithRecordOccasion *o = g_new0 (KithRecordOccasion, 1);

  o->label = dup_part (label);
  o->date = normalize_date (date);
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_ANNIVERSARIES), o);
}

static void
append_note (KithRecordValues *values,
             const char       *note)
{
  const KithValue *before = &values->fields[KITH_FIELD_NOTES];
  g_autofree char *joined = NULL;

  if (!before->set)
    {
      set_text (values, KITH_FIELD_NOTES, note);
      return;
    }
  joined = g_strconcat (before->text, "\n\n", note, NULL);
  kith_record_values_set_text (values, KITH_FIELD_NOTES, joined);
}

/* data:image/png;base64,… (4.0) or ENCODING=b (3.0); a URI is the picture as it is */
static void
read_photo (EVCardAttribute *attr,
            KithVCardCard   *card)
{
  const char *value = value_at (attr, 0);
  if (card->photo != NULL || card->values->fields[KITH_FIELD_PICTURE].set)
    return;
  if (g_str_has_prefix (value, "data:"))
    {
      const char *comma = strchr (value, ',');
      gsize len = 0;
      guchar *data;

      if (comma == NULL || strstr (value, ";base64,") == NULL)
        return;
      data = g_base64_decode (comma + 1, &len);
      card->photo = g_bytes_new_take (data, len);
    }
  else if (strstr (value, "://") != NULL)
    set_text (card->values, KITH_FIELD_PICTURE, value);
  else
    {
      g_autoptr(GString) decoded = e_vcard_attribute_get_value_decoded (attr);

      if (decoded == NULL || decoded->len == 0)
        return;
      card->photo = g_bytes_new (decoded->str, decoded->len);
    }
}

/* X-SOCIALPROFILE;TYPE=twitter;X-USER=ada:https://twitter.com/ada */
static gboolean
read_social (EVCardAttribute  *attr,
             KithRecordValues *values)
{
  const KithVCardSocial *social = kith_vcard_social_find (param_value (attr, "TYPE"));
  const char *user = param_value (attr, "X-USER");
  g_autofree char *url = g_strdup (value_at (attr, 0));
  char *slash;

  if (social == NULL)
    return FALSE;
  while ((slash = strrchr (url, '/')) != NULL && slash[1] == '\0')
    *slash = '\0';
  if (user == NULL)
    user = (slash = strrchr (url, '/')) != NULL ? slash + 1 : url;
  set_text (values, field_of_member (social->member), user);

  return TRUE;
}

/* X-KITH-FIELD;X-KEY=budget:12000 */
static void
read_custom (EVCardAttribute  *attr,
             KithRecordValues *values)
{
  GList *parts = e_vcard_attribute_get_values (attr);
  gboolean multi = param_value (attr, "X-MULTI") != NULL || g_list_length (parts) > 1;
  KithRecordCustom *custom = kith_record_custom_new (param_value (attr, "X-KEY") ?: "", NULL, NULL, multi);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (multi)
    {
      for (GList *l = parts; l != NULL; l = l->next)
        if (*(const char *) l->data != '\0')
          g_strv_builder_add (builder, l->data);
    }
  else
    g_strv_builder_add (builder, value_at (attr, 0));
  g_strfreev (custom->values);
  custom->values = g_strv_builder_end (builder);
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_CUSTOM_FIELDS), custom);
}

/* X-KITH-APPLINK:salesforce.com;006j000000AbCd;Opportunity;https://… */
static void
read_app_link (EVCardAttribute  *attr,
               KithRecordValues *values)
{
  KithRecordAppLink *link = g_new0 (KithRecordAppLink, 1);

  link->source = dup_part (value_at (attr, 0));
  link->uniqueid = dup_part (value_at (attr, 1));
  link->label = dup_part (value_at (attr, 2));
  link->url = dup_part (value_at (attr, 3));
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_APP_LINKS), link);
}

/* One of Kith's X-KITH-* fields of one value; FALSE with @error set when it is not one */
static gboolean
read_kith_field (const KithVCardField  *property,
                 EVCardAttribute       *attr,
                 KithRecordValues      *values,
                 GError               **error)
{
  const char *value = value_at (attr, 0);
  KithField field = field_of_member (property->member);
  gint64 n = 0;

  switch (property->type)
    {
    case KITH_VCARD_INT:
      if (!g_ascii_string_to_signed (value, 10, G_MININT32, G_MAXINT32, &n, NULL))
        {
          /* Translators: a property of a vCard and its value */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s “%s” is not a number"),
                       property->property, value);
          return FALSE;
        }
      values->fields[field].set = TRUE;
      values->fields[field].num = n;
      break;
    case KITH_VCARD_FLAG:
      values->fields[field].set = TRUE;
      values->fields[field].flag = g_ascii_strcasecmp (value, "TRUE") == 0;
      break;
    default:
      set_text (values, field, value);
      break;
    }

  return TRUE;
}

static void
read_categories (EVCardAttribute  *attr,
                 KithRecordValues *values)
{
  for (GList *l = e_vcard_attribute_get_values (attr); l != NULL; l = l->next)
    append_string (values, KITH_FIELD_KEYWORDS, l->data);
}

/* The properties only a person has fields for; FALSE for another */
static gboolean
read_person_attribute (EVCardAttribute  *attr,
                       KithRecordValues *values)
{
  if (is_named (attr, KITH_VCARD_OCCASION))
    add_occasion (values, param_value (attr, "X-LABEL"), value_at (attr, 0));
  else if (is_named (attr, "ANNIVERSARY") || is_named (attr, "X-ANNIVERSARY"))
    add_occasion (values, _("Anniversary"), value_at (attr, 0));
  else if (is_named (attr, "BDAY"))
    {
      g_autofree char *birthday = normalize_date (value_at (attr, 0));

      set_text (values, KITH_FIELD_BIRTHDAY, birthday);
    }
  else if (is_named (attr, "TITLE"))
    set_text (values, KITH_FIELD_ROLE, value_at (attr, 0));
  else if (is_named (attr, "ORG"))
    {
      set_text (values, KITH_FIELD_COMPANY, value_at (attr, 0));
      set_text (values, KITH_FIELD_DEPARTMENT, value_at (attr, 1));
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
is_whole_card_property (EVCardAttribute *attr)
{
  for (guint i = 0; i < G_N_ELEMENTS (whole_card_properties); i++)
    if (is_named (attr, whole_card_properties[i]))
      return TRUE;

  return FALSE;
}

/* Reads @attr into @card's values; FALSE when Kith has no field for it (on this kind) */
static gboolean
read_attribute (EVCard          *vcard,
                EVCardAttribute *attr,
                KithVCardCard   *card)
{
  KithRecordValues *values = card->values;

  if (is_named (attr, "EMAIL"))
    add_channel (values, KITH_FIELD_EMAILS, value_at (attr, 0), label_of (vcard, attr, FALSE), is_preferred (attr));
  else if (is_named (attr, "TEL"))
    read_tel (vcard, attr, values);
  else if (is_named (attr, "ADR"))
    read_adr (vcard, attr, values);
  else if (is_named (attr, "URL"))
    read_url (attr, values);
  else if (is_named (attr, "NOTE"))
    append_note (values, value_at (attr, 0));
  else if (is_named (attr, "CATEGORIES"))
    read_categories (attr, values);
  else if (is_named (attr, "PHOTO"))
    read_photo (attr, card);
  else if (is_named (attr, "X-SOCIALPROFILE"))
    return read_social (attr, values);
  else if (is_named (attr, KITH_VCARD_CUSTOM_FIELD))
    read_custom (attr, values);
  else if (is_named (attr, KITH_VCARD_APP_LINK))
    read_app_link (attr, values);
  else if (card->kind == KITH_RECORD_PERSON)
    return read_person_attribute (attr, values) || is_whole_card_property (attr);
  else if (is_named (attr, KITH_VCARD_DOMAIN))
    append_string (values, KITH_FIELD_DOMAINS, value_at (attr, 0));
  else
    return is_whole_card_property (attr);

  return TRUE;
}

/* An X-ABLabel belongs to the property of its group: kept when that property is */
static gboolean
is_label_of_read (EVCard          *vcard,
                  EVCardAttribute *label,
                  GHashTable      *kept_groups)
{
  const char *group = e_vcard_attribute_get_group (label);

  return is_named (label, "X-ABLabel") && group != NULL && !g_hash_table_contains (kept_groups, group);
}

static char *
kept_text (EVCard *vcard,
           GList  *kept)
{
  g_autoptr(EVCard) extra = NULL;
  GHashTable *kept_groups = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any = FALSE;

  extra = e_vcard_new ();
  for (GList *l = kept; l != NULL; l = l->next)
    if (e_vcard_attribute_get_group (l->data) != NULL && !is_named (l->data, "X-ABLabel"))
      g_hash_table_add (kept_groups, (gpointer) e_vcard_attribute_get_group (l->data));
  for (GList *l = kept; l != NULL; l = l->next)
    if (!is_label_of_read (vcard, l->data, kept_groups))
      {
        e_vcard_append_attribute (extra, e_vcard_attribute_copy (l->data));
        any = TRUE;
      }
  g_hash_table_unref (kept_groups);

  return any ? e_vcard_to_string (extra, EVC_FORMAT_VCARD_30) : NULL;
}

static KithRecordKind
kind_of (EVCard *vcard)
{
  EVCardAttribute *kind = find_attribute (vcard, "KIND");
  EVCardAttribute *show_as = find_attribute (vcard, "X-ABShowAs");

  if ((kind != NULL && g_ascii_strcasecmp (value_at (kind, 0), "org") == 0) ||
      (show_as != NULL && g_ascii_strcasecmp (value_at (show_as, 0), "COMPANY") == 0))
    return KITH_RECORD_COMPANY;

  return KITH_RECORD_PERSON;
}

/* FN; else N's given and family names; else (a company) ORG */
static gboolean
read_name (EVCard         *vcard,
           KithVCardCard  *card,
           GError        **error)
{
  EVCardAttribute *fn = find_attribute (vcard, "FN");
  EVCardAttribute *n = find_attribute (vcard, "N");
  EVCardAttribute *org = find_attribute (vcard, "ORG");

  if (fn != NULL)
    set_text (card->values, KITH_FIELD_NAME, value_at (fn, 0));
  if (n != NULL && card->kind == KITH_RECORD_PERSON)
    {
      set_text (card->values, KITH_FIELD_FIRST, value_at (n, 1));
      set_text (card->values, KITH_FIELD_LAST, value_at (n, 0));
    }
  if (org != NULL && card->kind == KITH_RECORD_COMPANY)
    set_text (card->values, KITH_FIELD_NAME, value_at (org, 0));

  if (card->values->fields[KITH_FIELD_NAME].set || card->values->fields[KITH_FIELD_FIRST].set ||
      card->values->fields[KITH_FIELD_LAST].set)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the card has no name: no FN, N or ORG"));
  return FALSE;
}

/**
 * kith_vcard_card_read:
 * @text: one card, BEGIN:VCARD to END:VCARD, UTF-8
 * @card: (out caller-allocates): the record it holds
 *
 * Returns: %FALSE with @error set when the card cannot become a record (it has no name, or
 *   an X-KITH-* property of a number holds none)
 */
gboolean
kith_vcard_card_read (const char     *text,
                      KithVCardCard  *card,
                      GError        **error)
{
  g_autoptr(EVCard) vcard = e_vcard_new_from_string (text);

  return kith_vcard_card_read_vcard (vcard, card, error);
}

/**
 * kith_vcard_card_read_vcard:
 * @vcard: one card already parsed (an address book's EContact): it is not parsed again
 * @card: (out caller-allocates): the record it holds
 *
 * As kith_vcard_card_read ().
 */
gboolean
kith_vcard_card_read_vcard (EVCard         *vcard,
                            KithVCardCard  *card,
                            GError        **error)
{
  g_autoptr(GList) kept = NULL;

  memset (card, 0, sizeof *card);
  card->kind = kind_of (vcard);
  card->values = kith_record_values_new ();
  if (!read_name (vcard, card, error))
    return FALSE;

  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    {
      const KithVCardField *field = kith_vcard_field_find (e_vcard_attribute_get_name (l->data));

      if (field != NULL && !read_kith_field (field, l->data, card->values, error))
        return FALSE;
      if (field == NULL && !read_attribute (vcard, l->data, card))
        kept = g_list_append (kept, l->data);
    }
  card->extra = kept_text (vcard, kept);

  return TRUE;
}
