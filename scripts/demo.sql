-- A small demo schema, loaded into the throwaway server by `make run`
-- (tidepool --ephemeral --ephemeral-seed scripts/demo.sql), so that the first query a new user
-- types returns rows. Try:  \d   select * from people;   select * from team_summary;
--                          select * from orders_of('Ada Lovelace');

create table teams (
    id      integer generated always as identity primary key,
    name    text not null unique,
    city    text not null
);

create table people (
    id       integer generated always as identity primary key,
    name     text not null,
    email    text not null unique,
    team_id  integer references teams (id),
    joined   date not null default current_date
);

create table orders (
    id         integer generated always as identity primary key,
    person_id  integer not null references people (id),
    item       text not null,
    quantity   integer not null check (quantity > 0),
    price      numeric(10, 2) not null,
    ordered_at timestamptz not null
);

create index orders_person_ordered_at on orders (person_id, ordered_at);

insert into teams (name, city) values
    ('Tide Tables', 'Lisbon'),
    ('Lighthouse',  'Tromsø'),
    ('Harbour',     'Valparaíso'),
    ('Reef',        'Cairns'),
    ('Estuary',     'Hamburg');

insert into people (name, email, team_id, joined) values
    ('Ada Lovelace',        'ada@example.com',       1, '2019-03-04'),
    ('Grace Hopper',        'grace@example.com',     1, '2019-07-15'),
    ('Edsger Dijkstra',     'edsger@example.com',    2, '2020-01-20'),
    ('Barbara Liskov',      'barbara@example.com',   2, '2020-05-11'),
    ('Donald Knuth',        'don@example.com',       3, '2018-11-30'),
    ('Frances Allen',       'frances@example.com',   3, '2021-02-01'),
    ('Ken Thompson',        'ken@example.com',       4, '2017-09-09'),
    ('Margaret Hamilton',   'margaret@example.com',  4, '2022-06-06'),
    ('Niklaus Wirth',       'niklaus@example.com',   5, '2021-10-10'),
    ('Radia Perlman',       'radia@example.com',     5, '2023-04-17'),
    ('Leslie Lamport',      'leslie@example.com',    1, '2022-12-01'),
    ('Katherine Johnson',   'katherine@example.com', 2, '2024-01-08'),
    ('Dennis Ritchie',      'dennis@example.com',    3, '2016-05-23'),
    ('Sophie Wilson',       'sophie@example.com',    4, '2023-08-14'),
    ('Tony Hoare',          'tony@example.com',      5, '2019-02-27'),
    ('Hedy Lamarr',         'hedy@example.com',      null, '2024-09-02'),
    ('Alan Turing',         'alan@example.com',      1, '2018-06-23'),
    ('Jean Sammet',         'jean@example.com',      2, '2020-03-03'),
    ('John Backus',         'john@example.com',      3, '2021-12-03'),
    ('Mary Kenneth Keller', 'mary@example.com',      null, '2025-01-13'),
    ('Michael Stonebraker', 'mike@example.com',      4, '2015-04-01'),
    ('Shafi Goldwasser',    'shafi@example.com',     5, '2022-03-14');

insert into orders (person_id, item, quantity, price, ordered_at) values
    ( 1, 'Analytical engine gears',  12,   4.50, '2025-01-05 09:12+00'),
    ( 1, 'Punched cards (box)',       3,  19.99, '2025-02-11 14:30+00'),
    ( 2, 'Nanosecond wire',          30,   0.25, '2025-01-07 10:00+00'),
    ( 2, 'Moth (framed)',             1,  42.00, '2025-03-09 16:45+00'),
    ( 3, 'Shortest path atlas',       1,  35.00, '2025-01-21 08:05+00'),
    ( 4, 'Substitutable widget',      6,   7.80, '2025-02-02 11:11+00'),
    ( 5, 'Cheque for $2.56',          1,   2.56, '2025-02-14 12:00+00'),
    ( 5, 'Typesetting fonts',         4,  24.50, '2025-04-01 09:30+00'),
    ( 6, 'Compiler optimisation kit', 1, 120.00, '2025-03-03 15:20+00'),
    ( 7, 'Teletype paper',           10,   3.10, '2025-01-29 17:00+00'),
    ( 8, 'Core rope memory',          2,  88.00, '2025-05-20 10:40+00'),
    ( 9, 'Pascal triangle ruler',     2,   6.00, '2025-02-27 13:15+00'),
    (10, 'Spanning tree seedlings',  25,   1.20, '2025-04-18 07:55+00'),
    (11, 'Logical clock',             1,  59.90, '2025-05-01 00:00+00'),
    (12, 'Slide rule',                1,  15.00, '2025-03-30 14:00+00'),
    (13, 'C reference card',          5,   2.00, '2025-01-02 09:00+00'),
    (14, 'ARM instruction poster',    1,  12.00, '2025-06-06 18:30+00'),
    (15, 'Quicksort stopwatch',       1,   9.99, '2025-02-20 10:10+00'),
    (16, 'Frequency hopping radio',   1, 199.00, '2025-05-15 20:00+00'),
    (17, 'Enigma rotor',              3,  75.00, '2025-01-12 11:00+00'),
    (17, 'Tape (infinite)',           1, 999.99, '2025-06-01 12:00+00'),
    (18, 'COBOL style guide',         2,  18.00, '2025-03-17 09:45+00'),
    (19, 'FORTRAN coding sheets',    50,   0.40, '2025-04-09 15:35+00'),
    (20, 'Thesis binding',            1,  30.00, '2025-05-27 10:20+00'),
    (21, 'Ingres tote bag',           2,  14.00, '2025-04-22 16:00+00'),
    (22, 'Zero-knowledge proof',      1,   0.01, '2025-06-12 08:00+00');

-- One row per team with its people and what they ordered.
create view team_summary as
select t.name as team,
       t.city,
       count(distinct p.id) as people,
       count(o.id) as orders,
       coalesce(sum(o.quantity * o.price), 0) as spent
from teams t
left join people p on p.team_id = t.id
left join orders o on o.person_id = p.id
group by t.id, t.name, t.city
order by spent desc;

-- The orders of one person, newest first, with each line's total.
create function orders_of(person_name text)
returns table (item text, quantity integer, total numeric, ordered_at timestamptz)
language sql stable
as $$
    select o.item, o.quantity, o.quantity * o.price, o.ordered_at
    from orders o join people p on p.id = o.person_id
    where p.name = person_name
    order by o.ordered_at desc
$$;
