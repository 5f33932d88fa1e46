/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-vcard-fields.h"

/*
 * The fields of a record that no standard vCard property holds, and how they are written, in
 * one table for the reading and the writing side, so that export → import loses nothing.
 */

static const KithVCardField fields[] = {
  { "X-KITH-HEADLINE", "headline", KITH_FIELD_HEADLINE, KITH_VCARD_TEXT },
  { "X-KITH-SEGMENT", "segment", KITH_FIELD_SEGMENT, KITH_VCARD_TEXT },
  { "X-KITH-STAGE", "stage", KITH_FIELD_STAGE, KITH_VCARD_TEXT },
  { "X-KITH-STEP", "step", KITH_FIELD_STEP, KITH_VCARD_TEXT },
  { "X-KITH-CADENCE", "cadence", KITH_FIELD_CADENCE, KITH_VCARD_INT },
  { "X-KITH-PRIVATE", "private", KITH_FIELD_PRIVATE, KITH_VCARD_FLAG },
  { "X-KITH-LEAD-SOURCE", "leadSource", KITH_FIELD_LEAD_SOURCE, KITH_VCARD_TEXT },
  { "X-KITH-ASSIGNEE", "assignee", KITH_FIELD_ASSIGNEE, KITH_VCARD_TEXT },
  { "X-KITH-DESCRIPTION", "description", KITH_FIELD_DESCRIPTION, KITH_VCARD_TEXT },
};

static const KithVCardSocial socials[] = {
  { "twitter", "twitter", KITH_FIELD_TWITTER, "https://twitter.com/" },
  { "facebook", "facebook", KITH_FIELD_FACEBOOK, "https://www.facebook.com/" },
  { "linkedin", "linkedin", KITH_FIELD_LINKEDIN, "https://www.linkedin.com/in/" },
};

const KithVCardField *
kith_vcard_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/* The field an X-KITH-* property holds, NULL for another property */
const KithVCardField *
kith_vcard_field_find (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_ascii_strcasecmp (fields[i].property, property) == 0)
      return &fields[i];

  return NULL;
}

const KithVCardSocial *
kith_vcard_socials (guint *n_socials)
{
  *n_socials = G_N_ELEMENTS (socials);
  return socials;
}

const KithVCardSocial *
kith_vcard_social_find (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (socials); i++)
    if (g_ascii_strcasecmp (socials[i].type, type) == 0)
      return &socials[i];

  return NULL;
}
